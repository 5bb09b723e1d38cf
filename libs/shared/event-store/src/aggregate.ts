import { randomUUID } from 'node:crypto';
import { ExponentialBackoff, fullJitterGenerator, handleWhen, retry } from 'cockatiel';
import { type EventStore } from './event-store.port';
import { WrongExpectedVersionError } from './errors';
import { type AppendContext, type AppendResult, ExpectedVersion, type NewEvent, type RecordedEvent } from './types';

/** A decider in the Emmett sense: pure functions from commands and events to events and state. */
export interface Decider<State, Command, Event extends NewEvent> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: RecordedEvent<Event['type'], Event['data']>) => State;
  readonly decide: (command: Command, state: State) => readonly Event[];
}

export interface SnapshotPolicy {
  /** Bump when the state's shape changes: older snapshots are then ignored. */
  readonly schemaVersion: number;
  /** Save a snapshot every N events. */
  readonly every: number;
}

export interface LoadedAggregate<State> {
  readonly state: State;
  readonly version: number;
}

/** Rebuilds an aggregate's state: the latest snapshot, then the events after it. */
export async function loadAggregate<State, Event extends NewEvent>(
  store: EventStore,
  streamId: string,
  evolve: (state: State, event: RecordedEvent<Event['type'], Event['data']>) => State,
  initialState: () => State,
  snapshots?: SnapshotPolicy,
): Promise<LoadedAggregate<State>> {
  const snapshot = snapshots ? await store.loadSnapshot<State>(streamId, snapshots.schemaVersion) : null;
  let state = snapshot?.state ?? initialState();
  let version = snapshot?.version ?? 0;
  const events = await store.readStream(streamId, { fromVersion: version + 1 });
  for (const event of events) {
    state = evolve(state, event);
    version = event.streamVersion;
  }
  if (snapshots && events.length >= snapshots.every) {
    await store.saveSnapshot({ streamId, version, schemaVersion: snapshots.schemaVersion, state });
  }
  return { state, version };
}

export interface HandleOptions {
  /** The version the client last saw; when given, a stream at another version is a conflict, not a retry. */
  readonly expectedVersion?: number;
  /** How often to reload and decide again when another writer got there first (default 10, with jittered backoff). */
  readonly retries?: number;
  readonly snapshots?: SnapshotPolicy;
  /** The aggregate as the caller already loaded it (to check scope on it): the first attempt decides on it. */
  readonly loaded?: LoadedAggregate<unknown>;
  /**
   * The commit id may be a client's retry of an earlier command (default): it is looked up before deciding, so a
   * retry returns the earlier result instead of a refusal. Pass false for a commit id just generated.
   */
  readonly replayable?: boolean;
}

export interface Handled<State, Event> {
  readonly state: State;
  readonly version: number;
  readonly events: readonly Event[];
  readonly result: AppendResult | null;
}

/**
 * Load, decide, append with the version that was loaded; on a concurrent write, load and decide again.
 * A command whose commit id is already on the stream is a replay: it returns the earlier result without
 * deciding again. A command that decides no events appends nothing.
 */
export async function handleCommand<State, Command, Event extends NewEvent>(
  store: EventStore,
  streamId: string,
  decider: Decider<State, Command, Event>,
  command: Command,
  context: AppendContext,
  options: HandleOptions = {},
): Promise<Handled<State, Event>> {
  const retries = options.retries ?? 10;
  const earlier = options.replayable === false ? null : await store.findCommit(streamId, context.commitId);
  if (earlier) {
    const loaded = await loadAggregate<State, Event>(
      store,
      streamId,
      decider.evolve,
      decider.initialState,
      options.snapshots,
    );
    return { ...loaded, events: [], result: earlier };
  }
  // On a concurrent write, and only when the caller gave no expected version: load, decide and append again.
  // Contenders that collided wait a random part of a growing delay (full jitter) instead of colliding again.
  const onConflict = retry(
    handleWhen((error) => error instanceof WrongExpectedVersionError && options.expectedVersion === undefined),
    {
      maxAttempts: retries,
      backoff: new ExponentialBackoff({ initialDelay: 5, maxDelay: 50, generator: fullJitterGenerator }),
    },
  );
  return onConflict.execute(async ({ attempt }): Promise<Handled<State, Event>> => {
    const loaded =
      attempt === 0 && options.loaded
        ? (options.loaded as LoadedAggregate<State>)
        : await loadAggregate<State, Event>(store, streamId, decider.evolve, decider.initialState, options.snapshots);
    if (options.expectedVersion !== undefined && options.expectedVersion !== loaded.version) {
      throw new WrongExpectedVersionError(streamId, ExpectedVersion.exact(options.expectedVersion), loaded.version);
    }
    const decided = decider.decide(command, loaded.state);
    if (decided.length === 0) return { ...loaded, events: decided, result: null };
    // Ids and time are fixed here, so the new state follows from what was appended without reading it back.
    const occurredAt = context.occurredAt ?? new Date();
    const events = decided.map((e) => ({ ...e, eventId: e.eventId ?? randomUUID() }));
    const result = await store.append(
      streamId,
      loaded.version === 0 ? ExpectedVersion.noStream : ExpectedVersion.exact(loaded.version),
      events,
      { ...context, occurredAt },
    );
    if (result.duplicate) {
      const replayed = await loadAggregate<State, Event>(
        store,
        streamId,
        decider.evolve,
        decider.initialState,
        options.snapshots,
      );
      return { ...replayed, events: decided, result };
    }
    const state = events.reduce(
      (s, e, i) =>
        decider.evolve(s, {
          eventId: e.eventId,
          type: e.type,
          schemaVersion: e.schemaVersion ?? 1,
          streamId,
          streamVersion: loaded.version + 1 + i,
          globalPosition: result.globalPosition,
          indexInCommit: i,
          occurredAt,
          actor: context.actor,
          district: context.district ?? null,
          commitId: context.commitId,
          correlationId: context.correlationId ?? null,
          causationId: context.causationId ?? null,
          data: e.data,
        }),
      loaded.state,
    );
    return { state, version: result.nextExpectedVersion, events: decided, result };
  });
}

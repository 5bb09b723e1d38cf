import { randomUUID } from 'node:crypto';
import { type Decider, type HandleOptions, type LoadedAggregate, type SnapshotPolicy } from './aggregate';
import { type AppendContext, type NewEvent, type RecordedEvent } from './types';

/** What every command may carry: an idempotency key and the version the client last saw. */
export interface CommandOptions {
  readonly commandId?: string | null;
  readonly expectedVersion?: number | null;
}

/** A domain event as a pure decider emits it: a type and its data. */
type DomainEvent = { readonly type: string; readonly data: object };

/**
 * A domain's pure decide and evolve as the event store's `Decider`: the domain's events are typed unions whose data
 * are interfaces, the store's are records; each recorded event a stream holds is one the decider emitted.
 */
export function deciderOf<S, C, E extends DomainEvent>(
  decide: (command: C, state: S) => readonly E[],
  evolve: (state: S, event: E) => S,
  initialState: () => S,
): Decider<S, C, E & { data: Record<string, unknown> }> {
  return {
    initialState,
    decide: (c, s) => decide(c, s) as ReadonlyArray<E & { data: Record<string, unknown> }>,
    evolve: (s, e: RecordedEvent) => evolve(s, e as unknown as E),
  };
}

/**
 * The append context of a command a user sent: its commit id is the client's command id (a retry is then found and
 * replayed) or a new one, and it starts its own correlation.
 */
export function commandContext(actor: string, options: CommandOptions, district: string | null): AppendContext {
  const commitId = options.commandId ?? randomUUID();
  return { commitId, actor, district, correlationId: commitId, causationId: null };
}

/** The version the client last saw, as `handleCommand` takes it (absent when the client gave none). */
export function expectedVersionOf(options: CommandOptions): Pick<HandleOptions, 'expectedVersion'> {
  return options.expectedVersion === undefined || options.expectedVersion === null
    ? {}
    : { expectedVersion: options.expectedVersion };
}

/**
 * The aggregate a command starts from: already loaded (to check the caller's scope on it), `'new'` (its id was just
 * generated: nothing to load, and no earlier commit of the command can be on its stream), or `undefined` to let
 * `handleCommand` load it.
 */
export type CommandStart<S> = LoadedAggregate<S> | 'new' | undefined;

/**
 * How `handleCommand` runs a client's command: with the version the client last saw, from where the command starts,
 * with the stream's snapshots, and replaying an earlier commit when the client chose the command id (a retry).
 */
export function commandHandleOptions<S, C, E extends NewEvent>(
  options: CommandOptions,
  decider: Decider<S, C, E>,
  start: CommandStart<S>,
  snapshots?: SnapshotPolicy,
): HandleOptions {
  return {
    ...expectedVersionOf(options),
    ...(snapshots ? { snapshots } : {}),
    ...(start === 'new' ? { loaded: { state: decider.initialState(), version: 0 } } : start ? { loaded: start } : {}),
    replayable: start !== 'new' && Boolean(options.commandId),
  };
}

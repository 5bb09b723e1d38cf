import { type Caller } from '@lianjian/auth';
import { type Clock, type IsoDate } from '@lianjian/calendar';
import {
  type CommandOptions,
  type EventStore,
  type LoadedAggregate,
  type SnapshotPolicy,
  commandContext,
  commandHandleOptions,
  deciderOf,
  handleCommand,
  loadAggregate,
} from '@lianjian/event-store';
import { type ProjectsStreamCategory, projectsStreamId } from '@lianjian/projects-contracts';
import { refuse, type ProjectRuleCode } from '@lianjian/projects-domain';

type DomainEvent = { readonly type: string; readonly data: object };

/** A domain's pure decide and evolve for one stream category (null: the stream has no event yet). */
export interface StreamDecider<State, Command, Event extends DomainEvent> {
  readonly category: ProjectsStreamCategory;
  readonly decide: (command: Command, state: State | null) => readonly Event[];
  readonly evolve: (state: State | null, event: Event) => State | null;
  /** What a missing aggregate is refused with (PROJECT_NOT_FOUND, COUNCIL_NOT_FOUND, …). */
  readonly notFound: ProjectRuleCode;
  readonly snapshots?: SnapshotPolicy;
}

/** A command as a handler builds it: `today` is added when it is decided (`CommandSupport.runToday`). */
export type Undated<Command> = Command extends unknown ? Omit<Command, 'today'> : never;

export interface Loaded<State> {
  readonly id: string;
  readonly state: State;
  readonly loaded: LoadedAggregate<State | null>;
}

export interface CommandPorts {
  readonly store: EventStore;
  readonly clock: Clock;
  /** Wakes the outbox relay after an append. */
  readonly onAppended: () => void;
}

/**
 * What the command handlers share: load an aggregate's stream once (exact keys, snapshots), let the caller's scope be
 * checked on it, decide with the pure decider and append once with the version it loaded; the mutation answers with
 * the state that append produced.
 */
export class CommandSupport {
  constructor(readonly ports: CommandPorts) {}

  today(): IsoDate {
    return this.ports.clock.today();
  }

  /** The aggregate, or its domain's not-found refusal. */
  async load<S, C, E extends DomainEvent>(
    decider: StreamDecider<S, C, E>,
    id: string,
    field: string,
  ): Promise<Loaded<S>> {
    const found = await this.find(decider, id);
    if (!found.loaded.state) return refuse(decider.notFound, `no ${decider.category} ${id}`, field);
    return { id, state: found.loaded.state, loaded: found.loaded };
  }

  /** The aggregate's stream folded (a null state when it has no event yet). */
  async find<S, C, E extends DomainEvent>(
    decider: StreamDecider<S, C, E>,
    id: string,
  ): Promise<{ loaded: LoadedAggregate<S | null> }> {
    const adapted = adapt(decider);
    const loaded = await loadAggregate(
      this.ports.store,
      projectsStreamId(decider.category, id),
      adapted.evolve,
      adapted.initialState,
      decider.snapshots,
    );
    return { loaded };
  }

  /** `run` with the command dated today (the deployment's clock). */
  runToday<S, C extends { readonly today: IsoDate }, E extends DomainEvent>(
    caller: Caller,
    decider: StreamDecider<S, C, E>,
    id: string,
    command: Undated<C>,
    start: LoadedAggregate<S | null> | 'new',
    options: CommandOptions,
    district: string | null,
  ): Promise<{ state: S; version: number }> {
    const dated = { ...command, today: this.today() } as unknown as C; // the command the handler built, dated
    return this.run(caller, decider, id, dated, start, options, district);
  }

  /** Decides on the loaded state (or a new stream) and appends once; answers with the state the append produced. */
  async run<S, C, E extends DomainEvent>(
    caller: Caller,
    decider: StreamDecider<S, C, E>,
    id: string,
    command: C,
    start: LoadedAggregate<S | null> | 'new',
    options: CommandOptions,
    district: string | null,
  ): Promise<{ state: S; version: number }> {
    const adapted = adapt(decider);
    const handled = await handleCommand(
      this.ports.store,
      projectsStreamId(decider.category, id),
      adapted,
      command,
      commandContext(caller.subject, options, district),
      commandHandleOptions(options, adapted, start, decider.snapshots),
    );
    if (handled.events.length) this.ports.onAppended();
    if (!handled.state) return refuse(decider.notFound, `no ${decider.category} ${id}`, 'id');
    return { state: handled.state, version: handled.version };
  }
}

function adapt<S, C, E extends DomainEvent>(decider: StreamDecider<S, C, E>) {
  return deciderOf<S | null, C, E>(decider.decide, decider.evolve, () => null);
}

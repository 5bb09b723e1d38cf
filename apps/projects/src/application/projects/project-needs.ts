import { type IsoDate } from '@lianjian/calendar';
import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type Need, refuse } from '@lianjian/projects-domain';
import { type CommandSupport } from '../common/command-support';
import { NEED_DECIDER } from '../lists/needs.commands';

/**
 * What a project's lifecycle does to the needs it came from: checks them and takes them up before the proposal is
 * appended (releases them when it is refused), serves them when it completes. The lists slice owns the needs' commands
 * (`NeedCommands`, one decider: NEED_DECIDER); this adapter hands them the take-ups, releases and services.
 */
export interface ProjectNeeds {
  /**
   * The needs, each of the council and Open (or already taken up by this very project: a retried proposal); their
   * category is the first need's. Refused NEED_NOT_FOUND / NEED_STATE_NOT_ALLOWED on `needIds`.
   */
  assertProposable(councilId: string, needIds: readonly string[], projectId: string, on: IsoDate): Promise<Need[]>;
  /**
   * Each need taken up by the project, in sorted id order (a need taken up by it already is left as it is: retries are
   * harmless). A need refused (taken up by another project meanwhile, declined, …) is refused NEED_STATE_NOT_ALLOWED on
   * `needIds` after the needs this call took up are released: a refused take-up holds no need.
   */
  takeUp(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void>;
  /** Each need taken up by the project released, back to Open (an open one is left as it is). */
  release(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void>;
  /** Each need served (those served already are left as they are). */
  serve(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void>;
}

/** The lists slice's need commands this adapter hands the take-ups and services to (`NeedCommands`). */
export interface ListsNeedCommands {
  takeUp(
    caller: Caller,
    input: { councilId: string; needIds: readonly string[]; projectId: string; takenUpOn: string },
  ): Promise<unknown>;
  release(
    caller: Caller,
    input: { needIds: readonly string[]; projectId: string; releasedOn: string },
  ): Promise<unknown>;
  serve(caller: Caller, needId: string, input: { servedOn: string }, options: CommandOptions): Promise<unknown>;
}

/** The project slice's needs through the lists slice's `NeedCommands` (the module always wires them). */
export class StoreProjectNeeds implements ProjectNeeds {
  constructor(
    private readonly support: CommandSupport,
    private readonly lists: ListsNeedCommands,
  ) {}

  async assertProposable(
    councilId: string,
    needIds: readonly string[],
    projectId: string,
    on: IsoDate,
  ): Promise<Need[]> {
    const needs: Need[] = [];
    for (const needId of new Set(needIds)) {
      const { loaded } = await this.support.find(NEED_DECIDER, needId);
      const need = loaded.state;
      if (!need || need.councilId !== councilId)
        return refuse('NEED_NOT_FOUND', `no need ${needId} of council ${councilId}`, 'needIds');
      const retry = need.status === 'TakenUp' && need.projectId === projectId;
      if (need.status !== 'Open' && !retry)
        return refuse(
          'NEED_STATE_NOT_ALLOWED',
          `need ${needId} is ${need.status}: only open needs make a project`,
          'needIds',
        );
      if (on < need.lastStepOn)
        return refuse('DATE_OUT_OF_ORDER', `need ${needId}'s last step was on ${need.lastStepOn}`, 'proposedOn');
      needs.push(need);
    }
    return needs;
  }

  async takeUp(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void> {
    const { loaded } = await this.support.find(NEED_DECIDER, needIds[0]!);
    if (loaded.state)
      await this.lists.takeUp(caller, { councilId: loaded.state.councilId, needIds, projectId, takenUpOn: on });
  }

  async release(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void> {
    await this.lists.release(caller, { needIds, projectId, releasedOn: on });
  }

  async serve(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void> {
    for (const needId of new Set(needIds)) {
      const { loaded } = await this.support.find(NEED_DECIDER, needId);
      const need = loaded.state;
      if (!need || need.status !== 'TakenUp' || need.projectId !== projectId) continue;
      await this.lists.serve(caller, needId, { servedOn: on }, { commandId: null, expectedVersion: null });
    }
  }
}

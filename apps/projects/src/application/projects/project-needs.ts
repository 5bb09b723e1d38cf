import { type IsoDate } from '@lianjian/calendar';
import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type Need,
  type NeedCommand,
  type NeedEvent,
  ProjectRuleViolation,
  decideNeed,
  evolveNeed,
  refuse,
} from '@lianjian/projects-domain';
import { type CommandSupport, type StreamDecider } from '../common/command-support';

const NEEDS: StreamDecider<Need, NeedCommand, NeedEvent> = {
  category: 'need',
  decide: decideNeed,
  evolve: evolveNeed,
  notFound: 'NEED_NOT_FOUND',
  snapshots: { schemaVersion: 1, every: 50 },
};

/**
 * What a project's lifecycle does to the needs it came from: checks them and takes them up before the proposal is
 * appended (releases them when it is refused), serves them when it completes. The lists slice owns the needs' commands; until its `NeedCommands` is wired in,
 * this adapter runs the need decider on each need's stream itself (the same rules, one append per need).
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

export class StoreProjectNeeds implements ProjectNeeds {
  constructor(
    private readonly support: CommandSupport,
    private readonly lists: ListsNeedCommands | null = null,
  ) {}

  async assertProposable(
    councilId: string,
    needIds: readonly string[],
    projectId: string,
    on: IsoDate,
  ): Promise<Need[]> {
    const needs: Need[] = [];
    for (const needId of new Set(needIds)) {
      const { loaded } = await this.support.find(NEEDS, needId);
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
    if (this.lists) {
      const { loaded } = await this.support.find(NEEDS, needIds[0]!);
      if (loaded.state)
        await this.lists.takeUp(caller, { councilId: loaded.state.councilId, needIds, projectId, takenUpOn: on });
      return;
    }
    const taken: string[] = [];
    try {
      for (const needId of [...new Set(needIds)].sort()) {
        const { loaded } = await this.support.find(NEEDS, needId);
        if (!loaded.state) continue;
        await this.support.run(
          caller,
          NEEDS,
          needId,
          { kind: 'TakeUpNeed', projectId, takenUpOn: on, today: this.support.today() },
          loaded,
          {},
          null,
        );
        taken.push(needId);
      }
    } catch (error) {
      await this.release(caller, taken, projectId, on);
      if (error instanceof ProjectRuleViolation && error.field === 'needId')
        refuse(error.code, error.message, 'needIds');
      throw error;
    }
  }

  async release(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void> {
    if (this.lists) {
      await this.lists.release(caller, { needIds, projectId, releasedOn: on });
      return;
    }
    for (const needId of needIds) {
      const { loaded } = await this.support.find(NEEDS, needId);
      if (!loaded.state) continue;
      await this.support.run(
        caller,
        NEEDS,
        needId,
        { kind: 'ReleaseNeed', projectId, releasedOn: on, today: this.support.today() },
        loaded,
        {},
        null,
      );
    }
  }

  async serve(caller: Caller, needIds: readonly string[], projectId: string, on: IsoDate): Promise<void> {
    for (const needId of new Set(needIds)) {
      const { loaded } = await this.support.find(NEEDS, needId);
      const need = loaded.state;
      if (!need || need.status !== 'TakenUp' || need.projectId !== projectId) continue;
      if (this.lists) {
        await this.lists.serve(caller, needId, { servedOn: on }, { commandId: null, expectedVersion: null });
        continue;
      }
      await this.support.run(
        caller,
        NEEDS,
        needId,
        { kind: 'ServeNeed', servedOn: on, today: this.support.today() },
        loaded,
        { commandId: `serve-${projectId}-${needId}`, expectedVersion: null },
        null,
      );
    }
  }
}

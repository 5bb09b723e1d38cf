import { randomUUID } from 'node:crypto';
import { AuthError, type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type Council,
  type Need,
  type NeedCategory,
  type NeedCommand,
  type NeedEvent,
  type NeedKind,
  type SubmitterKind,
  ProjectRuleViolation,
  councilMemberUnitIds,
  decideNeed,
  evolveNeed,
  refuse,
} from '@lianjian/projects-domain';
import { type CommandSupport, type Loaded, type Undated, type StreamDecider } from '../common/command-support';
import { type CouncilAccess } from '../common/council-access';
import { COUNCIL_DECIDER } from '../councils/council.commands';
import { type ContactSealing, type NeedContact, type NeedContactAudit } from './contact.ports';

/**
 * The need decider, the one both the lists slice and the project slice (project-needs.ts) load and decide needs
 * with. No snapshots: a need's stream holds a handful of events (submitted, taken up, released, served).
 */
export const NEED_DECIDER: StreamDecider<Need, NeedCommand, NeedEvent> = {
  category: 'need',
  decide: decideNeed,
  evolve: evolveNeed,
  notFound: 'NEED_NOT_FOUND',
};

/** Who submits: staff (a caller of the graph) or a resident through the public form (no account). */
export type NeedSubmitter = { readonly kind: 'staff'; readonly caller: Caller } | { readonly kind: 'public' };

export interface SubmitNeedInput {
  readonly needId?: string | null;
  readonly councilId: string;
  readonly needKind: NeedKind;
  readonly category: NeedCategory;
  readonly title: string;
  readonly description: string;
  readonly place?: string | null;
  readonly submitterKind: SubmitterKind;
  /** The submitting unit (submitterKind Unit; staff only). */
  readonly unitId?: string | null;
  /** The submitter's contact in clear: sealed before it enters the event. */
  readonly contact?: NeedContact | null;
  readonly submittedOn: string;
}

export interface NeedResult {
  readonly need: Need;
  readonly version: number;
}

/** The subject the event store records for a submission through the public form. */
export const PUBLIC_FORM_SUBJECT = 'public-form';
/**
 * The public form's submission as CommandSupport.run takes it: only its subject is used (the actor the event store
 * records). It passes no scope check (the form's signed link vouches for the council), and its role is no grant: a
 * placeholder the Caller type requires (canWrite grants a MEMBER nothing).
 */
const PUBLIC_FORM_ACTOR: Caller = {
  subject: PUBLIC_FORM_SUBJECT,
  role: 'MEMBER',
  district: null,
  organizationId: null,
  memberId: null,
};

const clean = (s: string | null | undefined): string | null => (s?.trim() ? s.trim() : null);

/**
 * Needs, wishes and ideas (需求清单, 微心愿, 金点子): submitted by the council's admins or a member unit (as submitter),
 * or by a resident through the public form; declined by the council with a reason, a wish claimed by a member unit,
 * taken up by a project (the project slice calls `takeUp`), served. The submitter's contact is sealed before it
 * enters the event, and revealed only to the council's admins, every reveal audited.
 */
export class NeedCommands {
  constructor(
    private readonly support: CommandSupport,
    private readonly access: CouncilAccess,
    private readonly sealing: ContactSealing,
    private readonly audit: NeedContactAudit,
  ) {}

  async submit(submitter: NeedSubmitter, input: SubmitNeedInput, options: CommandOptions): Promise<NeedResult> {
    const council = await this.support.load(COUNCIL_DECIDER, input.councilId, 'councilId');
    const unitId = clean(input.unitId);
    if (submitter.kind === 'staff') {
      if (input.submitterKind === 'Unit' && unitId)
        await this.access.assertActsForUnit(submitter.caller, council.state, unitId);
      else await this.access.assertWrite(submitter.caller, council.state);
    } else if (input.submitterKind === 'Unit' || unitId)
      refuse('NEED_INVALID', 'a unit submits through its council, not the public form', 'submitterKind');
    const needId = input.needId ?? randomUUID();
    const found = input.needId ? await this.support.find(NEED_DECIDER, needId) : null;
    if (found?.loaded.state) refuse('NEED_ALREADY_EXISTS', `need ${needId} exists`, 'needId');
    const contact =
      input.contact && (clean(input.contact.name) || clean(input.contact.phone))
        ? await this.sealing.seal(needId, { name: clean(input.contact.name), phone: clean(input.contact.phone) })
        : null;
    const caller = submitter.kind === 'staff' ? submitter.caller : PUBLIC_FORM_ACTOR;
    return this.result(
      await this.support.run(
        caller,
        NEED_DECIDER,
        needId,
        {
          kind: 'SubmitNeed',
          needId,
          councilId: council.id,
          needKind: input.needKind,
          category: input.category,
          title: input.title,
          description: input.description,
          place: clean(input.place),
          submitterKind: input.submitterKind,
          unitId,
          contact,
          channel: submitter.kind === 'staff' ? 'Staff' : 'PublicForm',
          submittedOn: input.submittedOn,
          today: this.support.today(),
        },
        found ? found.loaded : 'new',
        options,
        council.state.region.district,
      ),
    );
  }

  /** The council declines an open need, with the reason its submitter is told. */
  async decline(
    caller: Caller,
    needId: string,
    input: { reason: string; declinedOn: string },
    options: CommandOptions,
  ) {
    const { need, council } = await this.load(needId);
    await this.access.assertWrite(caller, council.state);
    return this.decide(caller, need, council, { kind: 'DeclineNeed', ...input }, options);
  }

  /** A member unit claims a wish directly (the council's admins, the unit's representative or organization's admins). */
  async claimWish(
    caller: Caller,
    needId: string,
    input: { unitId: string; claimedOn: string },
    options: CommandOptions,
  ) {
    const { need, council } = await this.load(needId);
    await this.access.assertActsForUnit(caller, council.state, input.unitId);
    const memberUnitIds = councilMemberUnitIds(council.state);
    return this.decide(caller, need, council, { kind: 'ClaimWish', ...input, memberUnitIds }, options);
  }

  /** Served: by the council's admins, or for a claimed wish by whoever acts for the unit that claimed it. */
  async serve(caller: Caller, needId: string, input: { servedOn: string }, options: CommandOptions) {
    const { need, council } = await this.load(needId);
    if (need.state.claimedByUnitId && !(await this.access.canWrite(caller, council.state)))
      await this.access.assertActsForUnit(caller, council.state, need.state.claimedByUnitId);
    else await this.access.assertWrite(caller, council.state);
    return this.decide(caller, need, council, { kind: 'ServeNeed', ...input }, options);
  }

  /**
   * Needs taken up by a project the council is proposing from them (the project slice calls it BEFORE it appends
   * ProjectProposed, having checked the caller's scope on the council): each need must be the council's and Open (or
   * taken up by this very project: a retry is a no-op). One append per need, in sorted id order (two proposals sharing
   * needs contend in the same order), each on the version it loaded: the domain refuses a need another project took up
   * meanwhile (NEED_STATE_NOT_ALLOWED on `needIds`). When one is refused, the needs this call took up before it are
   * released again before the refusal is thrown, so a refused proposal holds no need.
   */
  async takeUp(
    caller: Caller,
    input: { councilId: string; needIds: readonly string[]; projectId: string; takenUpOn: string },
  ): Promise<NeedResult[]> {
    const results: NeedResult[] = [];
    const taken: string[] = [];
    try {
      for (const needId of [...new Set(input.needIds)].sort()) {
        const { need, council } = await this.load(needId, 'needIds');
        if (need.state.councilId !== input.councilId)
          refuse('NEED_INVALID', `need ${needId} is not of council ${input.councilId}`, 'needIds');
        const result = await this.decide(
          caller,
          need,
          council,
          { kind: 'TakeUpNeed', projectId: input.projectId, takenUpOn: input.takenUpOn },
          {},
        );
        taken.push(needId);
        results.push(result);
      }
    } catch (error) {
      await this.release(caller, { needIds: taken, projectId: input.projectId, releasedOn: input.takenUpOn });
      // the domain names the need's own stream (`needId`); the proposal's input is `needIds`
      if (error instanceof ProjectRuleViolation && error.field === 'needId')
        refuse(error.code, error.message, 'needIds');
      throw error;
    }
    return results;
  }

  /**
   * Needs a project took up released again, back to Open (the project slice's compensation of a refused proposal):
   * only those taken up by this project; an open one is left as it is (a retry).
   */
  async release(
    caller: Caller,
    input: { needIds: readonly string[]; projectId: string; releasedOn: string },
  ): Promise<void> {
    for (const needId of input.needIds) {
      const { need, council } = await this.load(needId, 'needIds');
      await this.decide(
        caller,
        need,
        council,
        { kind: 'ReleaseNeed', projectId: input.projectId, releasedOn: input.releasedOn },
        {},
      );
    }
  }

  /** The submitter's contact in clear, for the council's admins only; every reveal is recorded (who, when). */
  async revealContact(caller: Caller, needId: string): Promise<NeedContact | null> {
    const { need, council } = await this.load(needId);
    if (!(await this.access.canWrite(caller, council.state)))
      throw new AuthError('FORBIDDEN', "only the council's admins see a need's contact");
    await this.audit.record({
      needId,
      councilId: council.id,
      subject: caller.subject,
      role: caller.role,
      at: new Date(),
    });
    return need.state.contact ? this.sealing.open(needId, need.state.contact) : null;
  }

  /** Crypto-shredding of a need's contact (the council's admins): unreadable everywhere from now on. */
  async eraseContact(caller: Caller, needId: string): Promise<void> {
    const { council } = await this.load(needId);
    await this.access.assertWrite(caller, council.state);
    await this.sealing.destroy(needId);
  }

  private async load(needId: string, field = 'needId'): Promise<{ need: Loaded<Need>; council: Loaded<Council> }> {
    const need = await this.support.load(NEED_DECIDER, needId, field);
    const council = await this.support.load(COUNCIL_DECIDER, need.state.councilId, 'councilId');
    return { need, council };
  }

  private async decide(
    caller: Caller,
    need: Loaded<Need>,
    council: Loaded<Council>,
    command: Undated<NeedCommand>,
    options: CommandOptions,
  ): Promise<NeedResult> {
    return this.result(
      await this.support.runToday(
        caller,
        NEED_DECIDER,
        need.id,
        command,
        need.loaded,
        options,
        council.state.region.district,
      ),
    );
  }

  private result(handled: { state: Need; version: number }): NeedResult {
    return { need: handled.state, version: handled.version };
  }
}

import { randomUUID } from 'node:crypto';
import { AuthError, type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type FlowInEnding, type FlowOutEnding, type IsoDate, lostContactFromFlowOut } from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type ContactInput, type MobilitySupport, factsOf } from './mobility-support';
import { type MobilityView } from './mobility.ports';

/** What a mobility command answers: the member's mobility as the append left it, and the member. */
export interface MobilityResult {
  readonly mobility: MobilityView;
  readonly member: MemberView;
}

/**
 * Mobile members (流动党员): the flow-out the member's branch registers (their branch's and district's admins), the
 * flow-in a host organization registers (its admins), contact with a member flowing out, their return, and lost
 * contact marked from a flow-out with no contact — on the member stream, the one record of lost contact.
 */
export class MobilityHandlers {
  constructor(private readonly support: MobilitySupport) {}

  async registerFlowOut(
    caller: Caller,
    input: {
      memberId: string;
      flowOutId?: string | null;
      destination: string;
      hostOrganizationId?: string | null;
      outsideHostName?: string | null;
      from: IsoDate;
      until?: IsoDate | null;
      contact?: ContactInput | null;
    } & CommandOptions,
  ): Promise<MobilityResult> {
    const { members } = this.support;
    const member = await members.writable(caller, input.memberId);
    const host = input.hostOrganizationId
      ? await this.support.organization(input.hostOrganizationId, 'hostOrganizationId')
      : null;
    const contact = await this.support.sealContact(member.view._id, input.contact);
    const mobility = await this.support.runMobility(
      caller,
      member.view,
      await this.support.loadMobility(member.view._id),
      {
        kind: 'RegisterFlowOut',
        flowOutId: this.support.newId(input.flowOutId, input),
        member: factsOf(member.view),
        destination: input.destination,
        host,
        outsideHostName: host ? null : (input.outsideHostName ?? null),
        from: input.from,
        until: input.until ?? null,
        contact,
        ...(await members.dated(member.view)),
      },
      input,
    );
    return { mobility, member: member.view };
  }

  /**
   * The branch heard from a member flowing out (and maybe got a new contact). A member marked lost contact is found
   * again: their contact is restored on the member stream too, with the same command id, so a retry repeats neither.
   */
  async recordFlowOutContact(
    caller: Caller,
    input: { memberId: string; on: IsoDate; contact?: ContactInput | null } & CommandOptions,
  ): Promise<MobilityResult> {
    const { members } = this.support;
    const options = { ...input, commandId: input.commandId ?? randomUUID() };
    let member = await members.writable(caller, input.memberId);
    const contact = await this.support.sealContact(member.view._id, input.contact);
    const dated = await members.dated(member.view);
    const mobility = await this.support.runMobility(
      caller,
      member.view,
      await this.support.loadMobility(member.view._id),
      { kind: 'RecordFlowOutContact', on: input.on, contact, ...dated },
      options,
    );
    const lost = member.view.lostContactSince;
    if (lost !== null && input.on >= lost) {
      const view = await members.run(
        caller,
        member,
        { kind: 'RecordContactRestored', on: input.on, ...dated },
        { commandId: options.commandId },
      );
      member = { ...member, view };
    }
    return { mobility, member: member.view };
  }

  async endFlowOut(
    caller: Caller,
    input: { memberId: string; endedOn: IsoDate; ending: FlowOutEnding } & CommandOptions,
  ): Promise<MobilityResult> {
    const { members } = this.support;
    const member = await members.writable(caller, input.memberId);
    const mobility = await this.support.runMobility(
      caller,
      member.view,
      await this.support.loadMobility(member.view._id),
      { kind: 'EndFlowOut', endedOn: input.endedOn, ending: input.ending, ...(await members.dated(member.view)) },
      input,
    );
    return { mobility, member: member.view };
  }

  /**
   * Lost contact (失联) marked from a flow-out the branch has not heard from for `flowOutNoContactMonths`: recorded
   * on the member stream as `ContactLost`, dated at the last contact, so the suspension rule (`lostContactMonths`)
   * and the restoration read the one record of it. The mobility stream keeps the dates it is derived from.
   */
  async markFlowOutLostContact(caller: Caller, input: { memberId: string } & CommandOptions): Promise<MobilityResult> {
    const { members } = this.support;
    const member = await members.writable(caller, input.memberId);
    const loaded = await this.support.loadMobility(member.view._id);
    const dated = await members.dated(member.view);
    const since = lostContactFromFlowOut(loaded.state, dated.today, dated.rules);
    const view = await members.run(caller, member, { kind: 'RecordLostContact', since, ...dated }, input);
    return { mobility: { ...loaded.state!, _id: member.view._id, version: loaded.version }, member: view };
  }

  /** A host organization of the city registers a member flowing in (its admins); the member's branch stays theirs. */
  async registerFlowIn(
    caller: Caller,
    input: {
      memberId: string;
      flowInId?: string | null;
      hostOrganizationId: string;
      from: IsoDate;
      until?: IsoDate | null;
      contact?: ContactInput | null;
    } & CommandOptions,
  ): Promise<MobilityResult> {
    const { members } = this.support;
    const host = await this.support.organization(input.hostOrganizationId, 'hostOrganizationId');
    await this.support.assertWriteOrganization(caller, host.organizationId);
    const member = await members.load(input.memberId);
    const contact = await this.support.sealContact(member.view._id, input.contact);
    const mobility = await this.support.runMobility(
      caller,
      member.view,
      await this.support.loadMobility(member.view._id),
      {
        kind: 'RegisterFlowIn',
        flowInId: this.support.newId(input.flowInId, input),
        member: factsOf(member.view),
        host,
        from: input.from,
        until: input.until ?? null,
        contact,
        ...(await members.dated(member.view)),
      },
      input,
    );
    return { mobility, member: member.view };
  }

  /** The host's admins end a flow-in, or the member's branch's (the member went home). */
  async endFlowIn(
    caller: Caller,
    input: { memberId: string; endedOn: IsoDate; ending: FlowInEnding } & CommandOptions,
  ): Promise<MobilityResult> {
    const { members } = this.support;
    const member = await members.load(input.memberId);
    const loaded = await this.support.loadMobility(member.view._id);
    const host = loaded.state?.flowIn?.hostOrganizationId ?? null;
    const allowed =
      (host !== null && (await this.support.canWriteOrganization(caller, host))) ||
      (await this.support.canWriteMember(caller, member.view));
    if (!allowed) throw new AuthError('FORBIDDEN', 'outside your scope, or your role changes nothing here');
    const mobility = await this.support.runMobility(
      caller,
      member.view,
      loaded,
      { kind: 'EndFlowIn', endedOn: input.endedOn, ending: input.ending, ...(await members.dated(member.view)) },
      input,
    );
    return { mobility, member: member.view };
  }
}

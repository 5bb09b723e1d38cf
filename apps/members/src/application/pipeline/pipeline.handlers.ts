import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { type IsoDate, type MemberFact, refuse } from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type MemberCommandSupport, type VoteInput } from '../member-command-support';

/**
 * The development pipeline (发展党员): activist, development candidate with sponsors, admission voted by the branch
 * and approved by a superior, probation extended or cancelled, full membership voted and approved.
 */
export class PipelineHandlers {
  constructor(private readonly support: MemberCommandSupport) {}

  async designateActivist(
    caller: Caller,
    input: { memberId: string; on: IsoDate } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      { kind: 'DesignateActivist', on: input.on, ...(await this.support.dated(member.view)) },
      input,
    );
  }

  async designateDevelopmentCandidate(
    caller: Caller,
    input: { memberId: string; on: IsoDate; sponsorIds: string[] } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    await this.support.ports.ownWrites.reachOwnWrites(); // other members: the read model
    const found = await this.support.ports.members.byIds(input.sponsorIds);
    const sponsors: MemberFact[] = input.sponsorIds.map((id) => {
      const s = found.find((f) => f._id === id) ?? refuse('SPONSORS_INVALID', `no member ${id}`, 'sponsorIds');
      return { memberId: s._id, stage: s.stage, status: s.status, probationCancelled: s.probationCancelled };
    });
    return this.support.run(
      caller,
      member,
      { kind: 'DesignateDevelopmentCandidate', on: input.on, sponsors, ...(await this.support.dated(member.view)) },
      input,
    );
  }

  async resolveAdmission(
    caller: Caller,
    input: { memberId: string; vote: VoteInput } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'ResolveAdmission',
        vote: await this.support.vote(member.view, input.vote),
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }

  async approveAdmission(
    caller: Caller,
    input: { memberId: string; approvedOn: IsoDate; approverOrganizationId: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.approvable(caller, input.memberId, input.approverOrganizationId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'ApproveAdmission',
        approvedOn: input.approvedOn,
        approverOrganizationId: input.approverOrganizationId,
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }

  async extendProbation(
    caller: Caller,
    input: { memberId: string; on: IsoDate; months: number } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      { kind: 'ExtendProbation', on: input.on, months: input.months, ...(await this.support.dated(member.view)) },
      input,
    );
  }

  async resolveFullMembership(
    caller: Caller,
    input: { memberId: string; vote: VoteInput } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'ResolveFullMembership',
        vote: await this.support.vote(member.view, input.vote),
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }

  async approveFullMembership(
    caller: Caller,
    input: { memberId: string; approvedOn: IsoDate; approverOrganizationId: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.approvable(caller, input.memberId, input.approverOrganizationId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'ApproveFullMembership',
        approvedOn: input.approvedOn,
        approverOrganizationId: input.approverOrganizationId,
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }

  async cancelProbation(
    caller: Caller,
    input: { memberId: string; on: IsoDate; reason: string } & CommandOptions,
  ): Promise<MemberView> {
    const member = await this.support.writable(caller, input.memberId);
    return this.support.run(
      caller,
      member,
      {
        kind: 'CancelProbation',
        on: input.on,
        reason: await this.support.sealReason(member.view._id, input.reason),
        ...(await this.support.dated(member.view)),
      },
      input,
    );
  }
}

import { AuthError, type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type CommunityRating,
  type CommunityServiceKind,
  type IsoDate,
  type RevokedBy,
} from '@lianjian/members-domain';
import { type LoadedMember } from '../member-command-support';
import { type MobilitySupport, factsOf } from './mobility-support';
import { type CommunityRegistrationView } from './mobility.ports';

const forbidden = () => new AuthError('FORBIDDEN', 'outside your scope, or your role changes nothing here');

/**
 * Community registration of employed members (在职党员到社区报到): the member registers (themself, or their branch's
 * or district's admins, or the community's admins where they report in person) and may revoke it likewise; the
 * community's admins record the member's service and give feedback, which reach the member's branch as events.
 */
export class CommunityRegistrationHandlers {
  constructor(private readonly support: MobilitySupport) {}

  async registerWithCommunity(
    caller: Caller,
    input: { memberId: string; communityId: string; registeredOn?: IsoDate | null } & CommandOptions,
  ): Promise<CommunityRegistrationView> {
    const { members } = this.support;
    const community = await this.support.organization(input.communityId, 'communityId');
    const member = await members.load(input.memberId);
    await this.memberOrCommunitySide(caller, member, community.organizationId);
    const dated = await members.dated(member.view);
    return this.support.runRegistration(
      caller,
      member.view,
      community.organizationId,
      await this.support.loadRegistration(member.view._id, community.organizationId),
      {
        kind: 'RegisterWithCommunity',
        member: factsOf(member.view),
        community,
        registeredOn: input.registeredOn ?? dated.today,
        ...dated,
      },
      input,
    );
  }

  async revokeCommunityRegistration(
    caller: Caller,
    input: { memberId: string; communityId: string; revokedOn?: IsoDate | null } & CommandOptions,
  ): Promise<CommunityRegistrationView> {
    const { members } = this.support;
    const member = await members.load(input.memberId);
    const revokedBy = await this.memberOrCommunitySide(caller, member, input.communityId);
    const dated = await members.dated(member.view);
    return this.support.runRegistration(
      caller,
      member.view,
      input.communityId,
      await this.support.loadRegistration(member.view._id, input.communityId),
      {
        kind: 'RevokeCommunityRegistration',
        member: factsOf(member.view),
        revokedOn: input.revokedOn ?? dated.today,
        revokedBy,
        ...dated,
      },
      input,
    );
  }

  /** The community's admins record what the member did there (what, when, hours); its words sealed to the member. */
  async recordCommunityService(
    caller: Caller,
    input: {
      memberId: string;
      communityId: string;
      serviceId?: string | null;
      kind: CommunityServiceKind;
      on: IsoDate;
      hours: number;
      description?: string | null;
    } & CommandOptions,
  ): Promise<CommunityRegistrationView> {
    const { members } = this.support;
    await this.support.assertWriteOrganization(caller, input.communityId);
    const member = await members.load(input.memberId);
    return this.support.runRegistration(
      caller,
      member.view,
      input.communityId,
      await this.support.loadRegistration(member.view._id, input.communityId),
      {
        kind: 'RecordCommunityService',
        member: factsOf(member.view),
        serviceId: this.support.newId(input.serviceId, input),
        serviceKind: input.kind,
        on: input.on,
        hours: input.hours,
        description: await this.support.seal(member.view._id, 'communityService', input.description),
        ...(await members.dated(member.view)),
      },
      input,
    );
  }

  /** The community's feedback on the member, for their own branch (an input to its yearly appraisal). */
  async giveCommunityFeedback(
    caller: Caller,
    input: {
      memberId: string;
      communityId: string;
      feedbackId?: string | null;
      rating: CommunityRating;
      comment?: string | null;
      givenOn?: IsoDate | null;
    } & CommandOptions,
  ): Promise<CommunityRegistrationView> {
    const { members } = this.support;
    await this.support.assertWriteOrganization(caller, input.communityId);
    const member = await members.load(input.memberId);
    const dated = await members.dated(member.view);
    return this.support.runRegistration(
      caller,
      member.view,
      input.communityId,
      await this.support.loadRegistration(member.view._id, input.communityId),
      {
        kind: 'GiveCommunityFeedback',
        member: factsOf(member.view),
        feedbackId: this.support.newId(input.feedbackId, input),
        rating: input.rating,
        comment: await this.support.seal(member.view._id, 'communityFeedback', input.comment),
        givenOn: input.givenOn ?? dated.today,
        ...dated,
      },
      input,
    );
  }

  /**
   * Registering and revoking: the member themself, the admins of the member's scope (their branch's side), or the
   * community's admins; which side acted is what the revocation records.
   */
  private async memberOrCommunitySide(caller: Caller, member: LoadedMember, communityId: string): Promise<RevokedBy> {
    if (this.support.isSelf(caller, member.view._id)) return 'Member';
    if (await this.support.canWriteMember(caller, member.view)) return 'Branch';
    if (await this.support.canWriteOrganization(caller, communityId)) return 'Community';
    throw forbidden();
  }
}

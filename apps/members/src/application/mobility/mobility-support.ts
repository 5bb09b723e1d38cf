import { randomUUID } from 'node:crypto';
import { type Caller, canWrite } from '@lianjian/auth';
import {
  type CommandOptions,
  type LoadedAggregate,
  commandHandleOptions,
  deciderOf,
  handleCommand,
  loadAggregate,
} from '@lianjian/event-store';
import { communityRegistrationStreamId, mobilityStreamId } from '@lianjian/members-contracts';
import {
  type CommunityRegistrationCommand,
  type CommunityRegistrationEvent,
  type CommunityRegistrationState,
  type MobileMemberFacts,
  type MobilityCommand,
  type MobilityEvent,
  type MobilityState,
  type OrganizationFacts,
  communityRegistrationId,
  decideCommunityRegistration,
  decideMobility,
  evolveCommunityRegistration,
  evolveMobility,
  refuse,
} from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type SealedField } from '../ports';
import { type MemberCommandSupport } from '../member-command-support';
import { type CommunityRegistrationView, type MobilityView } from './mobility.ports';

export const mobilityDecider = deciderOf<MobilityState, MobilityCommand, MobilityEvent>(
  decideMobility,
  evolveMobility,
  () => null,
);
export const communityRegistrationDecider = deciderOf<
  CommunityRegistrationState,
  CommunityRegistrationCommand,
  CommunityRegistrationEvent
>(decideCommunityRegistration, evolveCommunityRegistration, () => null);

/** A registration collects a service a week for years: it loads from a snapshot and the events after it. */
export const REGISTRATION_SNAPSHOTS = { schemaVersion: 1, every: 100 };

/** A contact given for a flow-out or flow-in: personal data, sealed to the member's key before any event holds it. */
export interface ContactInput {
  readonly phone?: string | null;
  readonly address?: string | null;
}

/** A mobile number (11 digits, starting with 1) or a landline with its area code (0512-12345678). */
const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** The member facts the mobility rules read, from the member's own stream (their branch, stage, standing). */
export const factsOf = (member: MemberView): MobileMemberFacts => ({
  memberId: member._id,
  organizationId: member.organizationId,
  stage: member.stage,
  status: member.status,
  probationCancelled: member.probationCancelled,
  category: member.duesCategory,
});

/**
 * What the mobility and community registration handlers share: the member's stream read through the member command
 * support (its scope, its facts, its district's rules), organizations from the directory (a projection of the
 * organizations service's events, never a call to it), texts sealed to the member's key, and the load–decide–append
 * of the mobility and registration streams with the version each was loaded at.
 */
export class MobilitySupport {
  constructor(readonly members: MemberCommandSupport) {}

  /** An organization of the city the members service knows (the directory): a host, or a community. */
  async organization(id: string, field: string): Promise<OrganizationFacts & { district: string | null }> {
    const org = await this.members.ports.directory.get(id);
    if (!org)
      return refuse(
        'ORGANIZATION_NOT_FOUND',
        `no organization ${id} (or its establishment has not reached the members service yet)`,
        field,
      );
    const scope = await this.members.ports.directory.scopeOf(id);
    return { organizationId: org._id, name: org.name, active: org.status === 'active', district: scope.district };
  }

  /** The caller may change this organization's records (its admins, within their scope). */
  async canWriteOrganization(caller: Caller, organizationId: string): Promise<boolean> {
    return canWrite(caller, await this.members.ports.directory.scopeOf(organizationId));
  }

  async assertWriteOrganization(caller: Caller, organizationId: string): Promise<void> {
    this.members.ports.scope.assertWrite(caller, await this.members.ports.directory.scopeOf(organizationId));
  }

  /** The caller may change the member's records (their branch's and district's admins). */
  async canWriteMember(caller: Caller, member: MemberView): Promise<boolean> {
    return canWrite(caller, await this.members.ports.scope.target(member));
  }

  isSelf(caller: Caller, memberId: string): boolean {
    return caller.role === 'MEMBER' && caller.memberId === memberId;
  }

  /** A contact sealed to the member's key (null: none given, or no key after an erase); the phone checked first. */
  async sealContact(memberId: string, contact: ContactInput | null | undefined): Promise<string | null> {
    const phone = contact?.phone?.trim() || null;
    const address = contact?.address?.trim() || null;
    if (phone && !PHONE.test(phone))
      refuse('PHONE_INVALID', 'a mobile number (11 digits) or a landline with its area code', 'contact.phone');
    if (!phone && !address) return null;
    return this.seal(memberId, 'mobilityContact', JSON.stringify({ phone, address }));
  }

  seal(memberId: string, field: SealedField, text: string | null | undefined): Promise<string | null> {
    return text?.trim() ? this.members.ports.sealing.sealFor(memberId, field, text.trim()) : Promise.resolve(null);
  }

  /** The id a new record takes: the client's, the command's (a retry finds the same), or a new one. */
  newId(given: string | null | undefined, options: CommandOptions): string {
    return given ?? options.commandId ?? randomUUID();
  }

  loadMobility(memberId: string): Promise<LoadedAggregate<MobilityState>> {
    return loadAggregate<MobilityState, MobilityEvent & { data: Record<string, unknown> }>(
      this.members.ports.store,
      mobilityStreamId(memberId),
      mobilityDecider.evolve,
      mobilityDecider.initialState,
    );
  }

  loadRegistration(memberId: string, communityId: string): Promise<LoadedAggregate<CommunityRegistrationState>> {
    return loadAggregate<CommunityRegistrationState, CommunityRegistrationEvent & { data: Record<string, unknown> }>(
      this.members.ports.store,
      communityRegistrationStreamId(memberId, communityId),
      communityRegistrationDecider.evolve,
      communityRegistrationDecider.initialState,
      REGISTRATION_SNAPSHOTS,
    );
  }

  /** Decides on the mobility as loaded and appends once (a racing writer makes it load and decide again). */
  async runMobility(
    caller: Caller,
    member: MemberView,
    loaded: LoadedAggregate<MobilityState>,
    command: MobilityCommand,
    options: CommandOptions,
  ): Promise<MobilityView> {
    const district = (await this.members.ports.scope.target(member)).district;
    const handled = await handleCommand(
      this.members.ports.store,
      mobilityStreamId(member._id),
      mobilityDecider,
      command,
      this.members.context(caller, options, district),
      commandHandleOptions(options, mobilityDecider, loaded),
    );
    if (handled.events.length) this.members.ports.onAppended();
    return { ...handled.state!, _id: member._id, version: handled.version };
  }

  async runRegistration(
    caller: Caller,
    member: MemberView,
    communityId: string,
    loaded: LoadedAggregate<CommunityRegistrationState>,
    command: CommunityRegistrationCommand,
    options: CommandOptions,
  ): Promise<CommunityRegistrationView> {
    const district = (await this.members.ports.scope.target(member)).district;
    const handled = await handleCommand(
      this.members.ports.store,
      communityRegistrationStreamId(member._id, communityId),
      communityRegistrationDecider,
      command,
      this.members.context(caller, options, district),
      commandHandleOptions(options, communityRegistrationDecider, loaded, REGISTRATION_SNAPSHOTS),
    );
    if (handled.events.length) this.members.ports.onAppended();
    return {
      ...handled.state!,
      _id: communityRegistrationId(member._id, communityId),
      version: handled.version,
    };
  }
}

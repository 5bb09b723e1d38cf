import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '../errors';
import { type Dated, after, notFuture } from '../member/guards';
import {
  type CommunityRating,
  type CommunityRegistrationEvent,
  type CommunityServiceKind,
  type RevokedBy,
} from './mobility-events';
import {
  type MobileMemberFacts,
  type OrganizationFacts,
  assertOtherActiveOrganization,
  assertPartyMember,
} from './mobile-member';

/**
 * An employed member's registration with the community where they live (在职党员到社区报到, 双报到): one stream per
 * member and community, so a member holds at most one registration with each community (registering again while
 * registered is refused; after a revocation the same stream registers again). The community records the member's
 * service there and gives feedback; both carry the member's branch of the day, so they reach the branch as events —
 * the input of its yearly appraisal.
 */
export interface CommunityService {
  readonly serviceId: string;
  readonly kind: CommunityServiceKind;
  readonly on: IsoDate;
  readonly hours: number;
  /** Sealed to the member's key; null: none. */
  readonly description: string | null;
  /** The member's branch when it was recorded. */
  readonly organizationId: string;
}

export interface CommunityFeedback {
  readonly feedbackId: string;
  readonly rating: CommunityRating;
  /** Sealed to the member's key; null: none. */
  readonly comment: string | null;
  readonly givenOn: IsoDate;
  readonly organizationId: string;
}

export interface RegistrationPeriod {
  readonly registeredOn: IsoDate;
  readonly revokedOn: IsoDate;
  readonly revokedBy: RevokedBy;
}

export interface CommunityRegistration {
  readonly memberId: string;
  readonly communityId: string;
  readonly communityName: string;
  /** The member's branch as the latest event named it. */
  readonly organizationId: string;
  readonly status: 'Registered' | 'Revoked';
  /** The start of the current (or last) registration. */
  readonly registeredOn: IsoDate;
  readonly revokedOn: IsoDate | null;
  readonly revokedBy: RevokedBy | null;
  /** Earlier registrations with the community that were revoked, oldest first (the last one is in the fields above). */
  readonly pastPeriods: readonly RegistrationPeriod[];
  readonly services: readonly CommunityService[];
  readonly feedback: readonly CommunityFeedback[];
}

export type CommunityRegistrationState = CommunityRegistration | null;

export type CommunityRegistrationCommand = (
  | { kind: 'RegisterWithCommunity'; member: MobileMemberFacts; community: OrganizationFacts; registeredOn: IsoDate }
  | { kind: 'RevokeCommunityRegistration'; member: MobileMemberFacts; revokedOn: IsoDate; revokedBy: RevokedBy }
  | {
      kind: 'RecordCommunityService';
      member: MobileMemberFacts;
      serviceId: string;
      serviceKind: CommunityServiceKind;
      on: IsoDate;
      hours: number;
      /** Sealed by the application to the member's key (null: none). */
      description: string | null;
    }
  | {
      kind: 'GiveCommunityFeedback';
      member: MobileMemberFacts;
      feedbackId: string;
      rating: CommunityRating;
      comment: string | null;
      givenOn: IsoDate;
    }
) &
  Dated;

/** A service is recorded in half hours, at most a day's worth at a time. */
const MAX_SERVICE_HOURS = 24;

/** The registration's id: one per member and community. */
export const communityRegistrationId = (memberId: string, communityId: string): string => `${memberId}-${communityId}`;

/** Decides a command on a member's registration with a community. */
export function decideCommunityRegistration(
  command: CommunityRegistrationCommand,
  state: CommunityRegistrationState,
): CommunityRegistrationEvent[] {
  const { today, member } = command;
  if (command.kind === 'RegisterWithCommunity') {
    const { community } = command;
    assertPartyMember(member);
    if (member.category !== 'Employed')
      refuse(
        'NOT_AN_EMPLOYED_MEMBER',
        `community registration (在职党员到社区报到) is for employed members; this member is ${member.category}`,
        'memberId',
      );
    assertOtherActiveOrganization(community, member, 'COMMUNITY_INVALID', 'communityId');
    if (state?.status === 'Registered')
      refuse(
        'COMMUNITY_ALREADY_REGISTERED',
        `the member is registered with ${state.communityName} since ${state.registeredOn}`,
        'communityId',
      );
    after(command.registeredOn, state?.revokedOn ?? null, 'registeredOn', 'the last revocation');
    notFuture(command.registeredOn, today, 'registeredOn');
    return [
      {
        type: 'CommunityRegistered',
        data: {
          memberId: member.memberId,
          organizationId: member.organizationId,
          communityId: community.organizationId,
          communityName: community.name,
          registeredOn: command.registeredOn,
        },
      },
    ];
  }
  if (!state)
    return refuse(
      'COMMUNITY_REGISTRATION_NOT_FOUND',
      'the member is not registered with this community',
      'communityId',
    );
  const r = state;
  if (r.status !== 'Registered')
    refuse(
      'COMMUNITY_REGISTRATION_NOT_ACTIVE',
      `the registration with ${r.communityName} was revoked on ${r.revokedOn}`,
      'communityId',
    );
  const ids = { memberId: r.memberId, organizationId: member.organizationId, communityId: r.communityId };
  switch (command.kind) {
    case 'RevokeCommunityRegistration':
      after(command.revokedOn, r.registeredOn, 'revokedOn', 'the registration');
      notFuture(command.revokedOn, today, 'revokedOn');
      return [
        {
          type: 'CommunityRegistrationRevoked',
          data: { ...ids, revokedOn: command.revokedOn, revokedBy: command.revokedBy },
        },
      ];
    case 'RecordCommunityService': {
      assertPartyMember(member);
      if (r.services.some((s) => s.serviceId === command.serviceId))
        refuse('COMMUNITY_SERVICE_ALREADY_RECORDED', `service ${command.serviceId} is recorded already`, 'serviceId');
      if (!(command.hours > 0 && command.hours <= MAX_SERVICE_HOURS && Number.isInteger(command.hours * 2)))
        refuse(
          'COMMUNITY_SERVICE_INVALID',
          `hours are counted in half hours, more than 0 and at most ${MAX_SERVICE_HOURS} (given: ${command.hours})`,
          'hours',
        );
      after(command.on, r.registeredOn, 'on', 'the registration');
      notFuture(command.on, today, 'on');
      return [
        {
          type: 'CommunityServiceRecorded',
          data: {
            ...ids,
            serviceId: command.serviceId,
            kind: command.serviceKind,
            on: command.on,
            hours: command.hours,
            description: command.description,
          },
        },
      ];
    }
    case 'GiveCommunityFeedback': {
      assertPartyMember(member);
      if (r.feedback.some((f) => f.feedbackId === command.feedbackId))
        refuse('COMMUNITY_FEEDBACK_ALREADY_GIVEN', `feedback ${command.feedbackId} is given already`, 'feedbackId');
      after(command.givenOn, r.registeredOn, 'givenOn', 'the registration');
      notFuture(command.givenOn, today, 'givenOn');
      return [
        {
          type: 'CommunityFeedbackGiven',
          data: {
            ...ids,
            feedbackId: command.feedbackId,
            rating: command.rating,
            comment: command.comment,
            givenOn: command.givenOn,
          },
        },
      ];
    }
  }
}

/** Folds a registration's events into its state. */
export function evolveCommunityRegistration(
  state: CommunityRegistrationState,
  event: CommunityRegistrationEvent,
): CommunityRegistrationState {
  if (event.type === 'CommunityRegistered') {
    const d = event.data;
    const past: RegistrationPeriod[] =
      state?.revokedOn && state.revokedBy
        ? [
            ...state.pastPeriods,
            { registeredOn: state.registeredOn, revokedOn: state.revokedOn, revokedBy: state.revokedBy },
          ]
        : [...(state?.pastPeriods ?? [])];
    return {
      memberId: d.memberId,
      communityId: d.communityId,
      communityName: d.communityName,
      organizationId: d.organizationId,
      status: 'Registered',
      registeredOn: d.registeredOn,
      revokedOn: null,
      revokedBy: null,
      pastPeriods: past,
      services: state?.services ?? [],
      feedback: state?.feedback ?? [],
    };
  }
  if (!state) return state;
  const organizationId = event.data.organizationId;
  switch (event.type) {
    case 'CommunityRegistrationRevoked':
      return {
        ...state,
        organizationId,
        status: 'Revoked',
        revokedOn: event.data.revokedOn,
        revokedBy: event.data.revokedBy,
      };
    case 'CommunityServiceRecorded': {
      const d = event.data;
      const service: CommunityService = {
        serviceId: d.serviceId,
        kind: d.kind,
        on: d.on,
        hours: d.hours,
        description: d.description,
        organizationId,
      };
      return { ...state, organizationId, services: [...state.services, service] };
    }
    case 'CommunityFeedbackGiven': {
      const d = event.data;
      const feedback: CommunityFeedback = {
        feedbackId: d.feedbackId,
        rating: d.rating,
        comment: d.comment,
        givenOn: d.givenOn,
        organizationId,
      };
      return { ...state, organizationId, feedback: [...state.feedback, feedback] };
    }
  }
}

/** The hours of service a registration records in a calendar year (the appraisal's year). */
export function serviceHoursIn(registration: Pick<CommunityRegistration, 'services'>, year: number): number {
  const prefix = `${String(year).padStart(4, '0')}-`;
  return registration.services.filter((s) => s.on.startsWith(prefix)).reduce((sum, s) => sum + s.hours, 0);
}

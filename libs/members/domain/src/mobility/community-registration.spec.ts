import { MemberRuleViolation } from '../errors';
import { DEFAULT_MEMBER_RULES } from '../rules';
import {
  type CommunityRegistrationCommand,
  type CommunityRegistrationState,
  communityRegistrationId,
  decideCommunityRegistration,
  evolveCommunityRegistration,
  serviceHoursIn,
} from './community-registration';
import { type MobileMemberFacts } from './mobile-member';
import { type CommunityRegistrationEvent } from './mobility-events';

const today = '2026-11-22';
const dated = { today, rules: DEFAULT_MEMBER_RULES };
const member: MobileMemberFacts = {
  memberId: 'm-1',
  organizationId: 'b-1',
  stage: 'FullMember',
  status: 'Normal',
  probationCancelled: false,
  category: 'Employed',
};
const community = { organizationId: 'c-1', name: '某居民区党总支', active: true };
const SEALED = 'v1.aGVhZA.dGFn.ZGF0YQ';

const register = (
  overrides: Partial<Extract<CommunityRegistrationCommand, { kind: 'RegisterWithCommunity' }>> = {},
): CommunityRegistrationCommand => ({
  kind: 'RegisterWithCommunity',
  member,
  community,
  registeredOn: '2026-03-01',
  ...dated,
  ...overrides,
});
const service = (
  overrides: Partial<Extract<CommunityRegistrationCommand, { kind: 'RecordCommunityService' }>> = {},
): CommunityRegistrationCommand => ({
  kind: 'RecordCommunityService',
  member,
  serviceId: 's-1',
  serviceKind: 'Volunteering',
  on: '2026-04-01',
  hours: 2.5,
  description: SEALED,
  ...dated,
  ...overrides,
});
const feedback = (
  overrides: Partial<Extract<CommunityRegistrationCommand, { kind: 'GiveCommunityFeedback' }>> = {},
): CommunityRegistrationCommand => ({
  kind: 'GiveCommunityFeedback',
  member,
  feedbackId: 'f-1',
  rating: 'Excellent',
  comment: SEALED,
  givenOn: '2026-11-20',
  ...dated,
  ...overrides,
});
const revoke = (revokedOn = '2026-10-01', revokedBy: 'Member' | 'Branch' | 'Community' = 'Member') =>
  ({ kind: 'RevokeCommunityRegistration', member, revokedOn, revokedBy, ...dated }) as const;

function given(...commands: CommunityRegistrationCommand[]) {
  let state: CommunityRegistrationState = null;
  const events: CommunityRegistrationEvent[] = [];
  for (const command of commands) {
    const decided = decideCommunityRegistration(command, state);
    events.push(...decided);
    state = decided.reduce(evolveCommunityRegistration, state);
  }
  return { state, events };
}
const refusal = (state: CommunityRegistrationState, command: CommunityRegistrationCommand) => {
  try {
    decideCommunityRegistration(command, state);
  } catch (error) {
    if (error instanceof MemberRuleViolation) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('the command was not refused');
};

describe('community registration (在职党员到社区报到)', () => {
  it('registers an employed member with the community where they live, once per community', () => {
    const { state, events } = given(register());
    expect(events).toEqual([
      {
        type: 'CommunityRegistered',
        data: {
          memberId: 'm-1',
          organizationId: 'b-1',
          communityId: 'c-1',
          communityName: '某居民区党总支',
          registeredOn: '2026-03-01',
        },
      },
    ]);
    expect(state).toMatchObject({ status: 'Registered', registeredOn: '2026-03-01', services: [], feedback: [] });
    expect(refusal(state, register({ registeredOn: '2026-04-01' }))).toEqual({
      code: 'COMMUNITY_ALREADY_REGISTERED',
      field: 'communityId',
    });
    expect(communityRegistrationId('8000000000000001', 'c-1')).toBe('8000000000000001-c-1');
  });

  it('refuses members who are not employed, not party members, or whose membership ended', () => {
    expect(refusal(null, register({ member: { ...member, category: 'Retired' } }))).toEqual({
      code: 'NOT_AN_EMPLOYED_MEMBER',
      field: 'memberId',
    });
    expect(refusal(null, register({ member: { ...member, stage: 'DevelopmentCandidate' } }))).toMatchObject({
      code: 'STAGE_NOT_ALLOWED',
    });
    expect(refusal(null, register({ member: { ...member, status: 'Expelled' } }))).toMatchObject({
      code: 'MEMBERSHIP_ENDED',
    });
  });

  it("refuses an inactive community, the member's own branch, and a date after today", () => {
    expect(refusal(null, register({ community: { ...community, active: false } }))).toEqual({
      code: 'COMMUNITY_INVALID',
      field: 'communityId',
    });
    expect(refusal(null, register({ community: { ...community, organizationId: 'b-1' } }))).toEqual({
      code: 'COMMUNITY_INVALID',
      field: 'communityId',
    });
    expect(refusal(null, register({ registeredOn: '2026-11-23' }))).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'registeredOn',
    });
  });

  it('is revocable (by the member, the branch or the community), and registers again afterwards, keeping the history', () => {
    const revoked = given(register(), service(), revoke('2026-10-01', 'Community'));
    expect(revoked.events.at(-1)).toEqual({
      type: 'CommunityRegistrationRevoked',
      data: {
        memberId: 'm-1',
        organizationId: 'b-1',
        communityId: 'c-1',
        revokedOn: '2026-10-01',
        revokedBy: 'Community',
      },
    });
    expect(revoked.state).toMatchObject({ status: 'Revoked', revokedOn: '2026-10-01', revokedBy: 'Community' });
    expect(refusal(revoked.state, revoke('2026-10-02'))).toEqual({
      code: 'COMMUNITY_REGISTRATION_NOT_ACTIVE',
      field: 'communityId',
    });
    expect(refusal(revoked.state, service({ serviceId: 's-2', on: '2026-10-05' }))).toMatchObject({
      code: 'COMMUNITY_REGISTRATION_NOT_ACTIVE',
    });
    expect(refusal(revoked.state, feedback())).toMatchObject({ code: 'COMMUNITY_REGISTRATION_NOT_ACTIVE' });
    expect(refusal(revoked.state, register({ registeredOn: '2026-09-30' }))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'registeredOn',
    });
    const again = given(
      register(),
      service(),
      revoke('2026-10-01', 'Community'),
      register({ registeredOn: '2026-11-01' }),
    );
    expect(again.state).toMatchObject({
      status: 'Registered',
      registeredOn: '2026-11-01',
      revokedOn: null,
      pastPeriods: [{ registeredOn: '2026-03-01', revokedOn: '2026-10-01', revokedBy: 'Community' }],
      services: [{ serviceId: 's-1' }],
    });
    expect(refusal(given(register()).state, revoke('2026-02-01'))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'revokedOn',
    });
    expect(refusal(null, revoke())).toEqual({ code: 'COMMUNITY_REGISTRATION_NOT_FOUND', field: 'communityId' });
  });

  it("records the member's service there (what, when, hours), each once, in half hours up to a day", () => {
    const { state, events } = given(register(), service(), service({ serviceId: 's-2', on: '2026-05-01', hours: 4 }));
    expect(events[1]).toEqual({
      type: 'CommunityServiceRecorded',
      data: {
        memberId: 'm-1',
        organizationId: 'b-1',
        communityId: 'c-1',
        serviceId: 's-1',
        kind: 'Volunteering',
        on: '2026-04-01',
        hours: 2.5,
        description: SEALED,
      },
    });
    expect(serviceHoursIn(state!, 2026)).toBe(6.5);
    expect(serviceHoursIn(state!, 2025)).toBe(0);
    expect(refusal(state, service())).toEqual({ code: 'COMMUNITY_SERVICE_ALREADY_RECORDED', field: 'serviceId' });
    for (const hours of [0, -1, 24.5, 1.25])
      expect(refusal(state, service({ serviceId: 's-9', hours }))).toEqual({
        code: 'COMMUNITY_SERVICE_INVALID',
        field: 'hours',
      });
    expect(refusal(state, service({ serviceId: 's-9', on: '2026-02-28' }))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'on',
    });
    expect(refusal(state, service({ serviceId: 's-9', on: '2026-12-01' }))).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'on',
    });
    expect(refusal(null, service())).toMatchObject({ code: 'COMMUNITY_REGISTRATION_NOT_FOUND' });
  });

  it("gives feedback that reaches the member's branch of the day, even after a transfer moved them", () => {
    const moved = { ...member, organizationId: 'b-9' };
    const { state, events } = given(
      register(),
      feedback(),
      feedback({ feedbackId: 'f-2', member: moved, rating: 'Good' }),
    );
    expect(events[1]).toEqual({
      type: 'CommunityFeedbackGiven',
      data: {
        memberId: 'm-1',
        organizationId: 'b-1',
        communityId: 'c-1',
        feedbackId: 'f-1',
        rating: 'Excellent',
        comment: SEALED,
        givenOn: '2026-11-20',
      },
    });
    expect(events[2]!.data).toMatchObject({ organizationId: 'b-9', rating: 'Good' });
    expect(state).toMatchObject({
      organizationId: 'b-9',
      feedback: [{ organizationId: 'b-1' }, { organizationId: 'b-9' }],
    });
    expect(refusal(state, feedback())).toEqual({ code: 'COMMUNITY_FEEDBACK_ALREADY_GIVEN', field: 'feedbackId' });
    expect(refusal(state, feedback({ feedbackId: 'f-3', givenOn: '2026-01-01' }))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'givenOn',
    });
    expect(refusal(state, feedback({ feedbackId: 'f-3', member: { ...member, status: 'Deceased' } }))).toMatchObject({
      code: 'MEMBERSHIP_ENDED',
    });
  });
});

import { exampleMessage } from '@lianjian/contracts';
import {
  MEMBERS_EVENTS,
  MEMBERS_TOPICS,
  communityRegistrationStreamId,
  decodeMembersMessage,
  mobilityStreamId,
  topicForMemberStream,
} from '@lianjian/members-contracts';
import {
  type CommunityRegistrationCommand,
  type CommunityRegistrationEvent,
  type CommunityRegistrationState,
  DEFAULT_MEMBER_RULES,
  type MobilityCommand,
  type MobilityEvent,
  type MobilityState,
  decideCommunityRegistration,
  decideMobility,
  evolveCommunityRegistration,
  evolveMobility,
} from '@lianjian/members-domain';

// The payload types are checked against the contract at compile time (published-events.spec.ts); here real decisions
// are decoded with the published schemas, which checks what types cannot: patterns, ranges, ciphertext, the key.
const dated = { today: '2026-11-22', rules: DEFAULT_MEMBER_RULES };
const MEMBER_ID = '8000000000000001';
const member = {
  memberId: MEMBER_ID,
  organizationId: 'b-1',
  stage: 'FullMember',
  status: 'Normal',
  probationCancelled: false,
  category: 'Employed',
} as const;
const SEALED = 'v1.c2VhbGVkLWVwaA.dGFn.ZGF0YQ';
const host = { organizationId: 'xh-1', name: '徐汇某支部', active: true };

const decoded = (streamId: string, events: ReadonlyArray<{ type: string; data: object }>) =>
  events.map((event, i) => {
    const definition = MEMBERS_EVENTS.find((m) => m.type === event.type)!;
    const message = { ...exampleMessage(definition, 'members'), streamId, streamVersion: i + 1, data: event.data };
    return { message, decoded: decodeMembersMessage(message) };
  });

describe('mobility and community registration events as the contract publishes them', () => {
  it('decides mobility events that decode with the published schemas, on the mobility topic', () => {
    let state: MobilityState = null;
    const events: MobilityEvent[] = [];
    const commands: MobilityCommand[] = [
      {
        kind: 'RegisterFlowOut',
        flowOutId: 'fo-1',
        member,
        destination: '江苏省苏州市',
        host: null,
        outsideHostName: '苏州某公司党支部',
        from: '2026-05-01',
        until: null,
        contact: SEALED,
        ...dated,
      },
      { kind: 'RecordFlowOutContact', on: '2026-06-01', contact: null, ...dated },
      {
        kind: 'RegisterFlowIn',
        flowInId: 'fi-1',
        member,
        host,
        from: '2026-05-02',
        until: '2026-12-31',
        contact: null,
        ...dated,
      },
      { kind: 'EndFlowIn', endedOn: '2026-10-01', ending: 'Left', ...dated },
      { kind: 'EndFlowOut', endedOn: '2026-10-02', ending: 'Returned', ...dated },
    ];
    for (const command of commands)
      for (const event of decideMobility(command, state)) {
        events.push(event);
        state = evolveMobility(state, event);
      }
    expect(events.map((e) => e.type)).toEqual([
      'MemberFlowedOut',
      'FlowOutContactRecorded',
      'MemberFlowedIn',
      'FlowInEnded',
      'FlowOutEnded',
    ]);
    const streamId = mobilityStreamId(MEMBER_ID);
    expect(topicForMemberStream(streamId)).toBe(MEMBERS_TOPICS.mobility);
    for (const { message, decoded: d } of decoded(streamId, events)) expect(d).toEqual(message);
  });

  it('refuses a clear contact where ciphertext belongs (the decoder dead-letters it)', () => {
    const [event] = decideMobility(
      {
        kind: 'RegisterFlowOut',
        flowOutId: 'fo-1',
        member,
        destination: '苏州',
        host: null,
        outsideHostName: null,
        from: '2026-05-01',
        until: null,
        contact: '13912345678',
        ...dated,
      },
      null,
    );
    expect(() => decoded(mobilityStreamId(MEMBER_ID), [event!])).toThrow(/contact/);
  });

  it('decides community registration events that decode with the published schemas, on their topic', () => {
    let state: CommunityRegistrationState = null;
    const events: CommunityRegistrationEvent[] = [];
    const commands: CommunityRegistrationCommand[] = [
      {
        kind: 'RegisterWithCommunity',
        member,
        community: { organizationId: 'c-1', name: '某居民区党总支', active: true },
        registeredOn: '2026-03-01',
        ...dated,
      },
      {
        kind: 'RecordCommunityService',
        member,
        serviceId: 's-1',
        serviceKind: 'Volunteering',
        on: '2026-04-01',
        hours: 2.5,
        description: SEALED,
        ...dated,
      },
      {
        kind: 'GiveCommunityFeedback',
        member,
        feedbackId: 'f-1',
        rating: 'Good',
        comment: null,
        givenOn: '2026-11-01',
        ...dated,
      },
      { kind: 'RevokeCommunityRegistration', member, revokedOn: '2026-11-20', revokedBy: 'Community', ...dated },
    ];
    for (const command of commands)
      for (const event of decideCommunityRegistration(command, state)) {
        events.push(event);
        state = evolveCommunityRegistration(state, event);
      }
    const streamId = communityRegistrationStreamId(MEMBER_ID, 'c-1');
    expect(topicForMemberStream(streamId)).toBe(MEMBERS_TOPICS.communityRegistration);
    for (const { message, decoded: d } of decoded(streamId, events)) expect(d).toEqual(message);
  });
});

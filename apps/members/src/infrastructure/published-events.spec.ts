import { type Assert, type Equal, type MismatchedPayloads, type Payloads, exampleMessage } from '@lianjian/contracts';
import { MEMBERS_EVENTS, type MembersMessage, decodeMembersMessage, memberStreamId } from '@lianjian/members-contracts';
import {
  DEFAULT_MEMBER_RULES,
  type MemberEvent,
  type MemberState,
  type TransferEvent,
  type MobilityEvent,
  type CommunityRegistrationEvent,
  decideMember,
  evolveMember,
} from '@lianjian/members-domain';

// The domain's event union stays pure (no contract or framework import); the published contract is defined on its
// own (libs/members/contracts) and checked against it here, at compile time: the same event types, and for each
// type the same payload (readonly aside). A field added on one side only fails `npm run typecheck` (ADR 0016).
type Published = Payloads<MembersMessage>;
type Decided = Payloads<MemberEvent | TransferEvent | MobilityEvent | CommunityRegistrationEvent>;
const _sameTypes: Assert<Equal<keyof Published, keyof Decided>> = true;
const _samePayloads: Assert<Equal<MismatchedPayloads<Decided, Published>, never>> = true;

describe('the members service publishes its domain events as its contract defines them', () => {
  it('decides events that decode with the published schemas (the values, beyond the types: patterns, ranges, ciphertext)', () => {
    const dated = { today: '2026-11-22', rules: DEFAULT_MEMBER_RULES };
    const register = {
      kind: 'RegisterMember',
      memberId: '8000000000000001',
      organizationId: 'b-1',
      history: {
        appliedOn: null,
        activistOn: null,
        candidateOn: null,
        joinedOn: '2010-07-01',
        fullMembershipOn: '2011-07-01',
      },
      status: 'Normal',
      source: 'Import',
      monthlyIncome: 5000,
      ...dated,
      profile: {
        maskedName: '张*',
        gender: 'Male',
        birthDate: '1990-01-01',
        ethnicity: '汉族',
        education: '本科',
        category: 'Employed',
        posts: ['支部委员'],
        unitId: 'u-1',
      },
      protectedData: {
        keyId: 'k-1',
        sealingKey: 'Mzk0ZjU1YjYtZTEyNS00ZDJkLWJiZjQtNmJkYzQ3ZTA',
        name: 'v1.nnnn.oooo.pppp',
        idNumber: 'v1.aaaa.bbbb.cccc',
        phone: 'v1.dddd.eeee.ffff',
      },
    } as const;
    let state: MemberState = null;
    const decided: MemberEvent[] = [];
    for (const command of [
      register,
      { kind: 'BillDues', month: '2026-10', ...dated },
      {
        kind: 'ChangeMembershipStatus',
        status: 'Expelled',
        on: '2026-11-01',
        reason: 'v1.c2VhbGVk.dGFn.ZGF0YQ',
        ...dated,
      },
    ] as const) {
      for (const event of decideMember(command, state)) {
        decided.push(event);
        state = evolveMember(state, event);
      }
    }
    expect(decided.map((e) => e.type)).toEqual([
      'MemberRegistered',
      'DuesBaseDeclared',
      'MemberCountChanged',
      'DuesBilled',
      'MembershipStatusChanged',
      'MemberCountChanged',
    ]);
    decided.forEach((event, i) => {
      const definition = MEMBERS_EVENTS.find((m) => m.type === event.type)!;
      const message = {
        ...exampleMessage(definition, 'members'),
        streamId: memberStreamId('8000000000000001'),
        streamVersion: i + 1,
        data: event.data,
      };
      expect(decodeMembersMessage(message)).toEqual(message);
    });
  });
});

import { MemberRuleViolation } from '../errors';
import { DEFAULT_MEMBER_RULES } from '../rules';
import { type MobileMemberFacts } from './mobile-member';
import {
  type MobilityCommand,
  type MobilityState,
  decideMobility,
  evolveMobility,
  isTransferCandidate,
  isWithoutContact,
  lostContactFromFlowOut,
  noContactDueOn,
  transferDueOn,
} from './mobility';
import { type MobilityEvent } from './mobility-events';

const today = '2026-11-22';
const rules = DEFAULT_MEMBER_RULES;
const dated = { today, rules };
const member: MobileMemberFacts = {
  memberId: 'm-1',
  organizationId: 'b-1',
  stage: 'FullMember',
  status: 'Normal',
  probationCancelled: false,
  category: 'Employed',
};
const host = { organizationId: 'xh-1', name: '徐汇某支部', active: true };
const SEALED = 'v1.aGVhZA.dGFn.ZGF0YQ';

const flowOut = (overrides: Partial<Extract<MobilityCommand, { kind: 'RegisterFlowOut' }>> = {}): MobilityCommand => ({
  kind: 'RegisterFlowOut',
  flowOutId: 'fo-1',
  member,
  destination: '江苏省苏州市',
  host: null,
  outsideHostName: '苏州工业园区某公司党支部',
  from: '2026-09-01',
  until: '2027-02-28',
  contact: SEALED,
  ...dated,
  ...overrides,
});
const flowIn = (overrides: Partial<Extract<MobilityCommand, { kind: 'RegisterFlowIn' }>> = {}): MobilityCommand => ({
  kind: 'RegisterFlowIn',
  flowInId: 'fi-1',
  member,
  host,
  from: '2026-09-05',
  until: null,
  contact: null,
  ...dated,
  ...overrides,
});

/** Given these commands decided in order, the state and every event. */
function given(...commands: MobilityCommand[]): { state: MobilityState; events: MobilityEvent[] } {
  let state: MobilityState = null;
  const events: MobilityEvent[] = [];
  for (const command of commands) {
    const decided = decideMobility(command, state);
    events.push(...decided);
    state = decided.reduce(evolveMobility, state);
  }
  return { state, events };
}
const refusal = (state: MobilityState, command: MobilityCommand) => {
  try {
    decideMobility(command, state);
  } catch (error) {
    if (error instanceof MemberRuleViolation) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('the command was not refused');
};

describe('mobility: flow-out (流出)', () => {
  it('registers a flow-out to a place outside the city with its host, period and sealed contact, keeping the relationship', () => {
    const { state, events } = given(flowOut());
    expect(events).toEqual([
      {
        type: 'MemberFlowedOut',
        data: {
          memberId: 'm-1',
          organizationId: 'b-1',
          flowOutId: 'fo-1',
          destination: '江苏省苏州市',
          hostOrganizationId: null,
          hostName: '苏州工业园区某公司党支部',
          from: '2026-09-01',
          until: '2027-02-28',
          contact: SEALED,
          registeredOn: today,
        },
      },
    ]);
    expect(state).toMatchObject({
      memberId: 'm-1',
      flowOut: { flowOutId: 'fo-1', organizationId: 'b-1', lastContactOn: '2026-09-01', endedOn: null },
      flowIn: null,
    });
  });

  it("names a host of the city by the directory's name, and refuses an inactive host or the member's own branch", () => {
    const { events } = given(flowOut({ host, outsideHostName: 'ignored' }));
    expect(events[0]!.data).toMatchObject({ hostOrganizationId: 'xh-1', hostName: '徐汇某支部' });
    expect(refusal(null, flowOut({ host: { ...host, active: false } }))).toEqual({
      code: 'MOBILITY_HOST_INVALID',
      field: 'hostOrganizationId',
    });
    expect(refusal(null, flowOut({ host: { organizationId: 'b-1', name: '本支部', active: true } }))).toEqual({
      code: 'MOBILITY_HOST_INVALID',
      field: 'hostOrganizationId',
    });
    expect(given(flowOut({ outsideHostName: '  ' })).state?.flowOut?.hostName).toBeNull();
    expect(refusal(null, flowOut({ destination: '  ' }))).toEqual({
      code: 'FLOW_OUT_DESTINATION_REQUIRED',
      field: 'destination',
    });
  });

  it('refuses a member already flowing out (stable code) and flows out again once the first flow-out ended', () => {
    const { state } = given(flowOut());
    expect(refusal(state, flowOut({ flowOutId: 'fo-2' }))).toEqual({ code: 'ALREADY_FLOWING_OUT', field: 'memberId' });
    const ended = given(flowOut(), { kind: 'EndFlowOut', endedOn: '2026-10-01', ending: 'Returned', ...dated });
    expect(ended.state).toMatchObject({
      flowOut: null,
      pastFlowOuts: [{ flowOutId: 'fo-1', endedOn: '2026-10-01', ending: 'Returned' }],
    });
    const again = decideMobility(flowOut({ flowOutId: 'fo-2', from: '2026-11-01' }), ended.state);
    expect(again.map((e) => e.type)).toEqual(['MemberFlowedOut']);
  });

  it('is for party members whose membership goes on', () => {
    expect(refusal(null, flowOut({ member: { ...member, stage: 'Activist' } }))).toEqual({
      code: 'STAGE_NOT_ALLOWED',
      field: 'memberId',
    });
    expect(refusal(null, flowOut({ member: { ...member, status: 'Deceased' } }))).toEqual({
      code: 'MEMBERSHIP_ENDED',
      field: 'memberId',
    });
    expect(
      refusal(null, flowOut({ member: { ...member, stage: 'ProbationaryMember', probationCancelled: true } })),
    ).toEqual({ code: 'MEMBERSHIP_ENDED', field: 'memberId' });
    expect(given(flowOut({ member: { ...member, stage: 'ProbationaryMember' } })).events).toHaveLength(1);
  });

  it('refuses a start after today and a period that ends before it starts', () => {
    expect(refusal(null, flowOut({ from: '2026-11-23' }))).toEqual({ code: 'DATE_IN_FUTURE', field: 'from' });
    expect(refusal(null, flowOut({ until: '2026-08-31' }))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'until' });
    expect(given(flowOut({ until: null })).state?.flowOut?.until).toBeNull();
  });

  it('records contact with the member: the last contact moves forward, a new contact replaces the old one', () => {
    const { state, events } = given(
      flowOut(),
      { kind: 'RecordFlowOutContact', on: '2026-10-15', contact: null, ...dated },
      { kind: 'RecordFlowOutContact', on: '2026-11-01', contact: 'v1.bmV3.dGFn.ZGF0YQ', ...dated },
    );
    expect(events.slice(1).map((e) => e.data)).toEqual([
      { memberId: 'm-1', organizationId: 'b-1', flowOutId: 'fo-1', on: '2026-10-15', contact: null },
      { memberId: 'm-1', organizationId: 'b-1', flowOutId: 'fo-1', on: '2026-11-01', contact: 'v1.bmV3.dGFn.ZGF0YQ' },
    ]);
    expect(state?.flowOut).toMatchObject({ lastContactOn: '2026-11-01', contact: 'v1.bmV3.dGFn.ZGF0YQ' });
    expect(refusal(state, { kind: 'RecordFlowOutContact', on: '2026-10-31', contact: null, ...dated })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'on',
    });
    expect(refusal(state, { kind: 'RecordFlowOutContact', on: '2026-11-01', contact: null, ...dated })).toEqual({
      code: 'NOTHING_CHANGES',
      field: 'on',
    });
    expect(refusal(state, { kind: 'RecordFlowOutContact', on: '2026-11-30', contact: null, ...dated })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'on',
    });
    expect(refusal(null, { kind: 'RecordFlowOutContact', on: '2026-11-01', contact: null, ...dated })).toEqual({
      code: 'NOT_FLOWING_OUT',
      field: 'memberId',
    });
  });

  it('ends a flow-out (returned, transferred or cancelled) only when one is open, not before it started', () => {
    const { state } = given(flowOut());
    expect(refusal(state, { kind: 'EndFlowOut', endedOn: '2026-08-31', ending: 'Returned', ...dated })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'endedOn',
    });
    expect(refusal(state, { kind: 'EndFlowOut', endedOn: '2026-12-01', ending: 'Returned', ...dated })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'endedOn',
    });
    const transferred = given(flowOut(), {
      kind: 'EndFlowOut',
      endedOn: '2026-11-20',
      ending: 'Transferred',
      ...dated,
    });
    expect(transferred.events[1]).toEqual({
      type: 'FlowOutEnded',
      data: { memberId: 'm-1', organizationId: 'b-1', flowOutId: 'fo-1', endedOn: '2026-11-20', ending: 'Transferred' },
    });
    expect(
      refusal(transferred.state, { kind: 'EndFlowOut', endedOn: '2026-11-21', ending: 'Cancelled', ...dated }),
    ).toEqual({ code: 'NOT_FLOWING_OUT', field: 'memberId' });
  });
});

describe('mobility: flow-in (流入)', () => {
  it('registers a flow-in with a host of the city, linked to the open flow-out it is the other side of', () => {
    const alone = given(flowIn());
    expect(alone.events[0]).toEqual({
      type: 'MemberFlowedIn',
      data: {
        memberId: 'm-1',
        organizationId: 'b-1',
        flowInId: 'fi-1',
        hostOrganizationId: 'xh-1',
        hostName: '徐汇某支部',
        from: '2026-09-05',
        until: null,
        contact: null,
        flowOutId: null,
        registeredOn: today,
      },
    });
    const linked = given(flowOut({ host }), flowIn());
    expect(linked.events[1]!.data).toMatchObject({ flowOutId: 'fo-1' });
    expect(linked.state).toMatchObject({
      flowOut: { flowOutId: 'fo-1' },
      flowIn: { flowInId: 'fi-1', flowOutId: 'fo-1' },
    });
  });

  it('refuses a second open flow-in, the own branch or an inactive host, and non-members', () => {
    const { state } = given(flowIn());
    expect(refusal(state, flowIn({ flowInId: 'fi-2' }))).toEqual({ code: 'ALREADY_FLOWING_IN', field: 'memberId' });
    expect(refusal(null, flowIn({ host: { ...host, organizationId: 'b-1' } }))).toEqual({
      code: 'MOBILITY_HOST_INVALID',
      field: 'hostOrganizationId',
    });
    expect(refusal(null, flowIn({ host: { ...host, active: false } }))).toMatchObject({
      code: 'MOBILITY_HOST_INVALID',
    });
    expect(refusal(null, flowIn({ member: { ...member, stage: 'Applicant' } }))).toMatchObject({
      code: 'STAGE_NOT_ALLOWED',
    });
    expect(refusal(null, flowIn({ from: '2027-01-01' }))).toEqual({ code: 'DATE_IN_FUTURE', field: 'from' });
    expect(refusal(null, flowIn({ until: '2026-01-01' }))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'until' });
  });

  it('ends a flow-in, and registers another one after it', () => {
    const { state, events } = given(flowIn(), { kind: 'EndFlowIn', endedOn: '2026-11-01', ending: 'Left', ...dated });
    expect(events[1]).toEqual({
      type: 'FlowInEnded',
      data: {
        memberId: 'm-1',
        organizationId: 'b-1',
        flowInId: 'fi-1',
        hostOrganizationId: 'xh-1',
        endedOn: '2026-11-01',
        ending: 'Left',
      },
    });
    expect(state).toMatchObject({ flowIn: null, pastFlowIns: [{ flowInId: 'fi-1', ending: 'Left' }] });
    expect(refusal(state, { kind: 'EndFlowIn', endedOn: '2026-11-02', ending: 'Cancelled', ...dated })).toEqual({
      code: 'NOT_FLOWING_IN',
      field: 'memberId',
    });
    expect(
      refusal(given(flowIn()).state, { kind: 'EndFlowIn', endedOn: '2026-09-01', ending: 'Left', ...dated }),
    ).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'endedOn' });
    expect(decideMobility(flowIn({ flowInId: 'fi-2', from: '2026-11-10' }), state).map((e) => e.type)).toEqual([
      'MemberFlowedIn',
    ]);
  });
});

describe('mobility: transfer candidates and lost contact', () => {
  const open = given(flowOut({ from: '2026-03-01' })).state!;

  it('lists a flow-out of 6 months (configurable, 0: off) as a transfer candidate', () => {
    expect(transferDueOn(open.flowOut!, rules)).toBe('2026-09-01');
    expect(isTransferCandidate(open.flowOut!, '2026-08-31', rules)).toBe(false);
    expect(isTransferCandidate(open.flowOut!, '2026-09-01', rules)).toBe(true);
    expect(isTransferCandidate(open.flowOut!, today, { ...rules, flowOutTransferMonths: 12 })).toBe(false);
    expect(transferDueOn(open.flowOut!, { ...rules, flowOutTransferMonths: 0 })).toBeNull();
    expect(isTransferCandidate(open.flowOut!, today, { ...rules, flowOutTransferMonths: 0 })).toBe(false);
  });

  it('marks lost contact from a flow-out without contact for 6 months, dated at the last contact', () => {
    expect(noContactDueOn(open.flowOut!, rules)).toBe('2026-09-01');
    expect(isWithoutContact(open.flowOut!, today, rules)).toBe(true);
    expect(lostContactFromFlowOut(open, today, rules)).toBe('2026-03-01');
    const heard = given(flowOut({ from: '2026-03-01' }), {
      kind: 'RecordFlowOutContact',
      on: '2026-08-01',
      contact: null,
      ...dated,
    }).state!;
    expect(isWithoutContact(heard.flowOut!, today, rules)).toBe(false);
    expect(() => lostContactFromFlowOut(heard, today, rules)).toThrow(
      expect.objectContaining({ code: 'FLOW_OUT_CONTACT_RECENT', field: 'memberId' }),
    );
    expect(lostContactFromFlowOut(heard, '2027-02-01', rules)).toBe('2026-08-01');
    expect(() => lostContactFromFlowOut(open, today, { ...rules, flowOutNoContactMonths: 0 })).toThrow(
      expect.objectContaining({ code: 'FLOW_OUT_CONTACT_RECENT' }),
    );
    expect(() => lostContactFromFlowOut(null, today, rules)).toThrow(
      expect.objectContaining({ code: 'NOT_FLOWING_OUT' }),
    );
  });
});

import {
  type CouncilCommand,
  type CouncilState,
  assertProjectResolution,
  councilMemberUnitIds,
  councilResolution,
  currentSeats,
  decideCouncil,
  evolveCouncil,
} from './council';
import { type Step, refusalOf, replay } from './decider.testing';

const today = '2026-11-20';
type S = Step<CouncilCommand>;
const run = (...steps: S[]) => replay(decideCouncil, evolveCouncil, null as CouncilState, today, steps);
const given = (...steps: S[]): CouncilState => run(...steps).state;
const refusal = (state: CouncilState, step: S) => refusalOf(() => decideCouncil({ ...step, today }, state));

const convene: S = {
  kind: 'ConveneCouncil',
  councilId: 'c-1',
  name: ' 南京东路街道区域化党建联席会议 ',
  councilKind: 'JointConference',
  level: 'Street',
  convenerOrganizationId: 'street-1',
  region: { district: 'd-1', street: 's-1', community: null },
  convenedOn: '2026-01-10',
};
const join = (unitId: string, representativeMemberId: string | null, joinedOn = '2026-02-01'): S => ({
  kind: 'JoinMemberUnit',
  unitId,
  organizationId: `org-${unitId}`,
  representativeMemberId,
  joinedOn,
});
const fill = (seatId: string, unitId: string, representativeMemberId: string, filledOn = '2026-03-01'): S => ({
  kind: 'FillCommitteeSeat',
  seatId,
  title: 'DeputyChair',
  unitId,
  representativeMemberId,
  filledOn,
});
const session = (sessionId: string, attendingUnitIds: string[], heldOn = '2026-04-01'): S => ({
  kind: 'HoldSession',
  sessionId,
  heldOn,
  attendingUnitIds,
  resolutions: [
    { number: 2, subject: '老旧小区加装电梯' },
    { number: 1, subject: ' 社区食堂 ' },
  ],
});

describe('a joint council', () => {
  it('is convened once, with a region that fits its level', () => {
    const council = given(convene);
    expect(council).toMatchObject({
      councilId: 'c-1',
      name: '南京东路街道区域化党建联席会议',
      level: 'Street',
      memberships: [],
    });
    expect(refusal(council, convene)).toEqual({ code: 'COUNCIL_ALREADY_EXISTS', field: 'councilId' });
    expect(refusal(null, { ...convene, name: '  ' })).toEqual({ code: 'COUNCIL_INVALID', field: 'name' });
    expect(refusal(null, { ...convene, convenerOrganizationId: '' })).toEqual({
      code: 'COUNCIL_INVALID',
      field: 'convenerOrganizationId',
    });
    expect(refusal(null, { ...convene, region: { district: 'd-1', street: null, community: null } })).toEqual({
      code: 'COUNCIL_INVALID',
      field: 'region',
    });
    expect(refusal(null, { ...convene, region: { district: 'd-1', street: 's-1', community: 'cm-1' } })).toEqual({
      code: 'COUNCIL_INVALID',
      field: 'region',
    });
    expect(refusal(null, { ...convene, level: 'District' })).toEqual({ code: 'COUNCIL_INVALID', field: 'region' });
    expect(
      given({ ...convene, level: 'District', region: { district: 'd-1', street: ' ', community: null } }),
    ).toMatchObject({ region: { district: 'd-1', street: null, community: null } });
    expect(
      given({ ...convene, level: 'Community', region: { district: 'd-1', street: 's-1', community: 'cm-1' } }),
    ).toMatchObject({ level: 'Community' });
    expect(refusal(null, { ...convene, level: 'Community' })).toEqual({ code: 'COUNCIL_INVALID', field: 'region' });
    expect(refusal(null, { ...convene, region: { district: ' ', street: 's-1', community: null } })).toEqual({
      code: 'COUNCIL_INVALID',
      field: 'region',
    });
    expect(refusal(null, { ...convene, councilKind: 'Club' as never })).toEqual({
      code: 'COUNCIL_INVALID',
      field: 'councilKind',
    });
    expect(refusal(null, { ...convene, level: 'City' as never })).toEqual({ code: 'COUNCIL_INVALID', field: 'level' });
    expect(refusal(null, { ...convene, convenedOn: '2026-12-01' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'convenedOn',
    });
    expect(refusal(null, { ...convene, convenedOn: '2026-02-30x' })).toEqual({
      code: 'DATE_INVALID',
      field: 'convenedOn',
    });
  });

  it('refuses every step before it is convened', () => {
    expect(refusal(null, join('u-1', 'm-1'))).toEqual({ code: 'COUNCIL_NOT_FOUND', field: 'councilId' });
  });

  it('takes member units in and out, keeping the history, and lets a unit rejoin', () => {
    const council = given(
      convene,
      join('u-1', 'm-1'),
      join('u-2', null, '2026-02-05'),
      { kind: 'LeaveMemberUnit', unitId: 'u-1', leftOn: '2026-05-01' },
      join('u-1', 'm-9', '2026-06-01'),
    );
    expect(council?.memberships).toEqual([
      {
        unitId: 'u-1',
        organizationId: 'org-u-1',
        representativeMemberId: 'm-1',
        representativeSince: '2026-02-01',
        joinedOn: '2026-02-01',
        leftOn: '2026-05-01',
      },
      {
        unitId: 'u-2',
        organizationId: 'org-u-2',
        representativeMemberId: null,
        representativeSince: '2026-02-05',
        joinedOn: '2026-02-05',
        leftOn: null,
      },
      {
        unitId: 'u-1',
        organizationId: 'org-u-1',
        representativeMemberId: 'm-9',
        representativeSince: '2026-06-01',
        joinedOn: '2026-06-01',
        leftOn: null,
      },
    ]);
    expect(councilMemberUnitIds(council!)).toEqual(['u-2', 'u-1']);
  });

  it('refuses a member joining again, a non-member leaving, and dates out of order', () => {
    const council = given(convene, join('u-1', 'm-1'), join('u-2', null), {
      kind: 'LeaveMemberUnit',
      unitId: 'u-2',
      leftOn: '2026-05-01',
    });
    expect(refusal(council, join('u-1', 'm-2'))).toEqual({ code: 'UNIT_ALREADY_MEMBER', field: 'unitId' });
    expect(refusal(council, { kind: 'LeaveMemberUnit', unitId: 'u-2', leftOn: '2026-06-01' })).toEqual({
      code: 'UNIT_NOT_MEMBER',
      field: 'unitId',
    });
    expect(refusal(council, { kind: 'LeaveMemberUnit', unitId: 'u-1', leftOn: '2026-01-31' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'leftOn',
    });
    expect(refusal(council, { kind: 'LeaveMemberUnit', unitId: 'u-1', leftOn: '2027-01-01' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'leftOn',
    });
    expect(refusal(council, join('u-3', null, '2026-01-01'))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'joinedOn' });
    expect(refusal(council, join('u-2', null, '2026-04-30'))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'joinedOn' });
    expect(refusal(council, join('u-3', null, '2026-12-01'))).toEqual({ code: 'DATE_IN_FUTURE', field: 'joinedOn' });
  });

  it("changes a unit's representative; the same one again changes nothing", () => {
    const council = given(convene, join('u-1', 'm-1'), {
      kind: 'ChangeRepresentative',
      unitId: 'u-1',
      representativeMemberId: 'm-2',
      changedOn: '2026-03-01',
    });
    expect(council?.memberships[0]).toMatchObject({ representativeMemberId: 'm-2', representativeSince: '2026-03-01' });
    expect(
      decideCouncil(
        { kind: 'ChangeRepresentative', unitId: 'u-1', representativeMemberId: 'm-2', changedOn: '2026-03-02', today },
        council,
      ),
    ).toEqual([]);
    expect(
      refusal(council, {
        kind: 'ChangeRepresentative',
        unitId: 'u-1',
        representativeMemberId: 'm-3',
        changedOn: '2026-02-28',
      }),
    ).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'changedOn',
    });
    expect(
      refusal(council, {
        kind: 'ChangeRepresentative',
        unitId: 'u-9',
        representativeMemberId: 'm-3',
        changedOn: '2026-03-05',
      }),
    ).toEqual({
      code: 'UNIT_NOT_MEMBER',
      field: 'unitId',
    });
    expect(
      refusal(council, {
        kind: 'ChangeRepresentative',
        unitId: 'u-1',
        representativeMemberId: 'm-3',
        changedOn: '2026-12-05',
      }),
    ).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'changedOn',
    });
    const none = given(convene, join('u-1', 'm-1'), {
      kind: 'ChangeRepresentative',
      unitId: 'u-1',
      representativeMemberId: ' ',
      changedOn: '2026-03-01',
    });
    expect(none?.memberships[0]?.representativeMemberId).toBeNull();
  });

  it("fills part-time seats with current member units' representatives, one holder a seat, one seat a member", () => {
    const council = given(
      convene,
      join('u-1', 'm-1'),
      join('u-2', 'm-2'),
      join('u-3', null),
      fill('seat-1', 'u-1', 'm-1'),
    );
    expect(currentSeats(council!)).toEqual([
      {
        seatId: 'seat-1',
        title: 'DeputyChair',
        unitId: 'u-1',
        representativeMemberId: 'm-1',
        filledOn: '2026-03-01',
        vacatedOn: null,
      },
    ]);
    expect(refusal(council, fill('seat-1', 'u-2', 'm-2'))).toEqual({ code: 'SEAT_TAKEN', field: 'seatId' });
    expect(refusal(council, fill('seat-2', 'u-1', 'm-1'))).toEqual({
      code: 'REPRESENTATIVE_HOLDS_SEAT',
      field: 'representativeMemberId',
    });
    expect(refusal(council, fill('seat-2', 'u-2', 'm-1'))).toEqual({
      code: 'REPRESENTATIVE_NOT_OF_UNIT',
      field: 'representativeMemberId',
    });
    expect(refusal(council, fill('seat-2', 'u-3', 'm-3'))).toEqual({
      code: 'REPRESENTATIVE_NOT_OF_UNIT',
      field: 'representativeMemberId',
    });
    expect(refusal(council, fill('seat-2', 'u-9', 'm-9'))).toEqual({ code: 'UNIT_NOT_MEMBER', field: 'unitId' });
    expect(refusal(council, { ...fill('seat-2', 'u-2', 'm-2'), title: 'Boss' } as unknown as S)).toEqual({
      code: 'COUNCIL_INVALID',
      field: 'title',
    });
    expect(refusal(council, fill('seat-2', 'u-2', 'm-2', '2026-01-31'))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'filledOn',
    });
    expect(refusal(council, fill('seat-2', 'u-2', 'm-2', '2026-12-31'))).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'filledOn',
    });
  });

  it('vacates a seat, keeps the tenure, and fills it again not before it was vacated', () => {
    const council = given(convene, join('u-1', 'm-1'), join('u-2', 'm-2'), fill('seat-1', 'u-1', 'm-1'), {
      kind: 'VacateCommitteeSeat',
      seatId: 'seat-1',
      vacatedOn: '2026-04-01',
    });
    expect(currentSeats(council!)).toEqual([]);
    expect(council?.seats).toEqual([expect.objectContaining({ seatId: 'seat-1', vacatedOn: '2026-04-01' })]);
    expect(refusal(council, { kind: 'VacateCommitteeSeat', seatId: 'seat-1', vacatedOn: '2026-04-02' })).toEqual({
      code: 'SEAT_NOT_FILLED',
      field: 'seatId',
    });
    expect(refusal(council, fill('seat-1', 'u-2', 'm-2', '2026-03-15'))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'filledOn',
    });
    const refilled = given(
      convene,
      join('u-1', 'm-1'),
      join('u-2', 'm-2'),
      fill('seat-1', 'u-1', 'm-1'),
      { kind: 'VacateCommitteeSeat', seatId: 'seat-1', vacatedOn: '2026-04-01' },
      fill('seat-1', 'u-2', 'm-2', '2026-04-01'),
    );
    expect(refilled?.seats.map((s) => [s.representativeMemberId, s.vacatedOn])).toEqual([
      ['m-1', '2026-04-01'],
      ['m-2', null],
    ]);
    const held = given(convene, join('u-1', 'm-1'), fill('seat-1', 'u-1', 'm-1'));
    expect(refusal(held, { kind: 'VacateCommitteeSeat', seatId: 'seat-1', vacatedOn: '2026-02-15' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'vacatedOn',
    });
    expect(refusal(held, { kind: 'VacateCommitteeSeat', seatId: 'seat-1', vacatedOn: '2026-12-15' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'vacatedOn',
    });
  });

  it("vacates a leaving unit's seats first, in the same decision", () => {
    const before = given(convene, join('u-1', 'm-1'), fill('seat-1', 'u-1', 'm-1'));
    const events = decideCouncil({ kind: 'LeaveMemberUnit', unitId: 'u-1', leftOn: '2026-05-01', today }, before);
    expect(events).toEqual([
      { type: 'CommitteeSeatVacated', data: { councilId: 'c-1', seatId: 'seat-1', vacatedOn: '2026-05-01' } },
      { type: 'MemberUnitLeft', data: { councilId: 'c-1', unitId: 'u-1', leftOn: '2026-05-01' } },
    ]);
    expect(refusal(before, { kind: 'LeaveMemberUnit', unitId: 'u-1', leftOn: '2026-02-15' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'leftOn',
    });
  });

  it('vacates the seat of a representative replaced, first, in the same decision', () => {
    const before = given(convene, join('u-1', 'm-1'), fill('seat-1', 'u-1', 'm-1'));
    const { state, events } = replay(decideCouncil, evolveCouncil, before, today, [
      { kind: 'ChangeRepresentative', unitId: 'u-1', representativeMemberId: 'm-2', changedOn: '2026-05-01' },
    ]);
    expect(events.map((e) => e.type)).toEqual(['CommitteeSeatVacated', 'MemberUnitRepresentativeChanged']);
    expect(currentSeats(state!)).toEqual([]);
    expect(
      refusal(before, {
        kind: 'ChangeRepresentative',
        unitId: 'u-1',
        representativeMemberId: 'm-2',
        changedOn: '2026-02-20',
      }),
    ).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'changedOn',
    });
  });

  it('holds sessions attended by member units, with resolutions numbered 1 to n', () => {
    const council = given(convene, join('u-1', 'm-1'), join('u-2', null), session('s-1', ['u-1', 'u-2', 'u-1']));
    expect(council?.sessions).toEqual([
      {
        sessionId: 's-1',
        heldOn: '2026-04-01',
        attendingUnitIds: ['u-1', 'u-2'],
        resolutions: [
          { number: 1, subject: '社区食堂' },
          { number: 2, subject: '老旧小区加装电梯' },
        ],
      },
    ]);
    expect(councilResolution(council, 's-1', 2)).toEqual({ number: 2, subject: '老旧小区加装电梯' });
    expect(councilResolution(council, 's-1', 3)).toBeNull();
    expect(councilResolution(council, 's-9', 1)).toBeNull();
    expect(councilResolution(null, 's-1', 1)).toBeNull();
    expect(refusal(council, session('s-1', ['u-1']))).toEqual({ code: 'SESSION_ALREADY_HELD', field: 'sessionId' });
    expect(refusal(council, session('s-2', []))).toEqual({
      code: 'SESSION_ATTENDEES_REQUIRED',
      field: 'attendingUnitIds',
    });
    expect(refusal(council, session('s-2', ['u-1', 'u-9']))).toEqual({
      code: 'SESSION_ATTENDEE_NOT_MEMBER',
      field: 'attendingUnitIds',
    });
    expect(refusal(council, session('s-2', ['u-1'], '2026-01-31'))).toMatchObject({
      code: 'SESSION_ATTENDEE_NOT_MEMBER',
    });
    expect(refusal(council, session('s-2', ['u-1'], '2026-01-01'))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'heldOn',
    });
    expect(refusal(council, session('s-2', ['u-1'], '2026-12-01'))).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'heldOn',
    });
    for (const resolutions of [
      [
        { number: 1, subject: 'a' },
        { number: 1, subject: 'b' },
      ],
      [{ number: 2, subject: 'a' }],
      [{ number: 0, subject: 'a' }],
      [{ number: 1.5, subject: 'a' }],
      [{ number: 1, subject: ' ' }],
    ])
      expect(refusal(council, { ...session('s-2', ['u-1']), resolutions } as S)).toEqual({
        code: 'RESOLUTIONS_INVALID',
        field: 'resolutions',
      });
    expect(
      given(convene, join('u-1', null), { ...session('s-2', ['u-1']), resolutions: [] } as S)?.sessions[0]?.resolutions,
    ).toEqual([]);
  });

  it('counts a unit that left since as an attendee of a session held while it was a member', () => {
    const council = given(
      convene,
      join('u-1', null),
      { kind: 'LeaveMemberUnit', unitId: 'u-1', leftOn: '2026-05-01' },
      session('s-1', ['u-1'], '2026-04-01'),
    );
    expect(council?.sessions[0]?.attendingUnitIds).toEqual(['u-1']);
    expect(refusal(council, session('s-2', ['u-1'], '2026-05-02'))).toMatchObject({
      code: 'SESSION_ATTENDEE_NOT_MEMBER',
    });
  });

  it("checks a project's resolution names a session the council held and one of its resolutions", () => {
    const council = given(convene, join('u-1', null), session('s-1', ['u-1']));
    const resolve = { councilId: 'c-1', sessionId: 's-1', resolution: 2, resolvedOn: '2026-04-02' };
    expect(assertProjectResolution(council, resolve)).toEqual({ number: 2, subject: '老旧小区加装电梯' });
    expect(refusalOf(() => assertProjectResolution(council, { ...resolve, councilId: 'c-2' }))).toEqual({
      code: 'COUNCIL_NOT_FOUND',
      field: 'councilId',
    });
    expect(refusalOf(() => assertProjectResolution(null, resolve))).toEqual({
      code: 'COUNCIL_NOT_FOUND',
      field: 'councilId',
    });
    expect(refusalOf(() => assertProjectResolution(council, { ...resolve, sessionId: 's-9' }))).toEqual({
      code: 'SESSION_NOT_FOUND',
      field: 'sessionId',
    });
    expect(refusalOf(() => assertProjectResolution(council, { ...resolve, resolution: 3 }))).toEqual({
      code: 'RESOLUTION_NOT_FOUND',
      field: 'resolution',
    });
    expect(refusalOf(() => assertProjectResolution(council, { ...resolve, resolvedOn: '2026-03-31' }))).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'resolvedOn',
    });
  });
});

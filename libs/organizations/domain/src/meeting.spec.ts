import { eligibleWithoutOrganization, summarizeRegionCoverage } from './coverage';
import { type MeetingRecord, decideMeeting, meetingCadence, periodOf } from './meeting';
import { DEFAULT_RULES } from './rules';

const meeting = (extra: Partial<MeetingRecord> = {}): MeetingRecord => ({
  meetingId: 'mt-1',
  organizationId: 'b-1',
  meetingType: 'MembersMeeting',
  heldOn: '2026-11-10',
  host: { maskedName: '书*', memberId: null },
  recorder: { maskedName: '委*', memberId: null },
  attendeeIds: ['m1', 'm2', 'm3'],
  absentees: [{ memberId: 'm4', reason: '出差' }],
  topics: ['学习'],
  resolutions: [{ text: '通过', inFavour: 3, against: 0, abstained: 0 }],
  ...extra,
});
const record = (m: MeetingRecord, status = 'active') => ({
  kind: 'RecordMeeting' as const,
  meeting: m,
  organization: { status, establishedOn: '2020-01-01' },
  today: '2026-11-22',
});
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { code: (error as { code: string }).code, field: (error as { field: string | null }).field };
  }
  throw new Error('not refused');
};

describe('organizational life meetings', () => {
  it('given a valid record, when recorded, then one MeetingRecorded event carries attendance', () => {
    expect(decideMeeting(record(meeting()), null)).toEqual([{ type: 'MeetingRecorded', data: meeting() }]);
  });

  it('refuses a second record, an inactive organization, a future or pre-establishment date, and impossible attendance or votes', () => {
    expect(refusal(() => decideMeeting(record(meeting()), meeting()))).toMatchObject({
      code: 'MEETING_ALREADY_RECORDED',
    });
    expect(refusal(() => decideMeeting(record(meeting(), 'dissolved'), null))).toMatchObject({
      code: 'ORGANIZATION_NOT_ACTIVE',
    });
    expect(refusal(() => decideMeeting(record(meeting({ heldOn: '2026-12-01' })), null))).toMatchObject({
      code: 'DATE_IN_FUTURE',
      field: 'heldOn',
    });
    expect(refusal(() => decideMeeting(record(meeting({ heldOn: '2019-12-31' })), null))).toMatchObject({
      code: 'DATE_BEFORE_LAST_CHANGE',
    });
    expect(refusal(() => decideMeeting(record(meeting({ attendeeIds: ['m1', 'm1'] })), null))).toMatchObject({
      code: 'MEETING_INVALID',
      field: 'attendeeIds',
    });
    expect(
      refusal(() => decideMeeting(record(meeting({ absentees: [{ memberId: 'm1', reason: 'x' }] })), null)),
    ).toMatchObject({ code: 'MEETING_INVALID', field: 'absentees' });
    expect(
      refusal(() =>
        decideMeeting(record(meeting({ resolutions: [{ text: 'x', inFavour: 3, against: 1, abstained: 0 }] })), null),
      ),
    ).toMatchObject({ code: 'MEETING_INVALID', field: 'resolutions.0' });
  });

  it('names periods by cadence', () => {
    expect(periodOf('2026-11-22', 'Monthly')).toBe('2026-11');
    expect(periodOf('2026-11-22', 'Quarterly')).toBe('2026-Q4');
    expect(periodOf('2026-02-01', 'Quarterly')).toBe('2026-Q1');
    expect(periodOf('2026-11-22', 'Yearly')).toBe('2026');
  });

  it('reports which required meetings are missing in the current month, quarter and year', () => {
    const meetings = [
      { meetingType: 'MembersMeeting' as const, heldOn: '2026-10-15' },
      { meetingType: 'PartyLesson' as const, heldOn: '2026-09-30' }, // last quarter
      { meetingType: 'ThemeDay' as const, heldOn: '2026-11-05' },
      { meetingType: 'CommitteeMeeting' as const, heldOn: '2026-10-20' }, // last month
    ];
    const cadence = meetingCadence(
      { meetings, hasCommittee: true, hasPartyGroups: false },
      '2026-11-22',
      DEFAULT_RULES,
    );
    expect(cadence.map((c) => [c.meetingType, c.period, c.held, c.missing])).toEqual([
      ['MembersMeeting', '2026-Q4', 1, false],
      ['CommitteeMeeting', '2026-11', 0, true],
      ['PartyLesson', '2026-Q4', 0, true],
      ['ThemeDay', '2026-11', 1, false],
      ['AnnualReviewMeeting', '2026', 0, true],
    ]);
    const withGroups = meetingCadence({ meetings: [], hasCommittee: false, hasPartyGroups: true }, '2026-11-22', {
      ...DEFAULT_RULES,
      meetingCadence: { ...DEFAULT_RULES.meetingCadence, ThemeDay: null },
    });
    expect(withGroups.map((c) => c.meetingType)).toEqual([
      'MembersMeeting',
      'PartyGroupMeeting',
      'PartyLesson',
      'AnnualReviewMeeting',
    ]);
  });
});

describe('应建未建 ledger and coverage rates', () => {
  const units = [
    { unitId: 'u1', aboveScale: true, fullMembers: 5, covered: false },
    { unitId: 'u2', aboveScale: true, fullMembers: 3, covered: true },
    { unitId: 'u3', aboveScale: false, fullMembers: 2, covered: false },
    { unitId: 'u4', aboveScale: false, fullMembers: 3, covered: false },
  ];

  it('lists uncovered units with at least the minimum of full members', () => {
    expect(eligibleWithoutOrganization(units, 3).map((u) => u.unitId)).toEqual(['u1', 'u4']);
    expect(eligibleWithoutOrganization(units, 4).map((u) => u.unitId)).toEqual(['u1']);
  });

  it('computes unit, above-scale and building coverage rates', () => {
    expect(summarizeRegionCoverage(units, [{ covered: true }, { covered: false }, { covered: false }], 3)).toEqual({
      unitCount: 4,
      coveredUnitCount: 1,
      unitCoverageRate: 0.25,
      aboveScaleUnitCount: 2,
      coveredAboveScaleUnitCount: 1,
      aboveScaleCoverageRate: 0.5,
      buildingCount: 3,
      coveredBuildingCount: 1,
      buildingCoverageRate: 0.3333,
      eligibleWithoutOrganizationCount: 2,
    });
    expect(summarizeRegionCoverage([], [], 3)).toMatchObject({ unitCoverageRate: 0, buildingCoverageRate: 0 });
  });
});

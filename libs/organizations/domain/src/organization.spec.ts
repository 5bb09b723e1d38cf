import {
  DEFAULT_RULES,
  type OrganizationCommand,
  type OrganizationEvent,
  OrganizationRuleViolation,
  type RelatedOrganization,
  assessSetting,
  decideOrganization,
  electionStatus,
  evolveOrganization,
  initialOrganizationState,
  rulesFor,
  termYearsFor,
} from './index';

const today = '2026-11-22';
const dated = { today, rules: DEFAULT_RULES };
const region = { district: 'huangpu', street: 'nanjing-east', community: null };

/** given events, when a command, then events or a rule violation. */
function given(...events: OrganizationEvent[]) {
  const state = events.reduce(evolveOrganization, initialOrganizationState());
  return {
    when: (command: OrganizationCommand) => ({
      then: (expected: Array<Partial<OrganizationEvent>>) =>
        expect(decideOrganization(command, state)).toEqual(expected.map((e) => expect.objectContaining(e))),
      thenRefused: (code: string, field?: string) => {
        try {
          decideOrganization(command, state);
        } catch (error) {
          expect(error).toBeInstanceOf(OrganizationRuleViolation);
          expect(error).toMatchObject({ code, ...(field ? { field } : {}) });
          return;
        }
        throw new Error(`expected ${code}, but the command was accepted`);
      },
    }),
  };
}

const established = (
  overrides: Partial<Extract<OrganizationEvent, { type: 'OrganizationEstablished' }>['data']> = {},
): OrganizationEvent => ({
  type: 'OrganizationEstablished',
  data: {
    organizationId: 'o1',
    name: '南京东路街道党工委',
    organizationType: 'WorkingCommittee',
    parentId: 'district',
    region,
    buildingId: null,
    establishedOn: '2020-01-01',
    documentNumber: '黄委〔2020〕1号',
    ...overrides,
  },
});
const related = (overrides: Partial<RelatedOrganization> = {}): RelatedOrganization => ({
  id: 'p1',
  type: 'Committee',
  status: 'active',
  region: { district: 'huangpu', street: null, community: null },
  ancestorIds: ['city'],
  establishedOn: '2000-01-01',
  ...overrides,
});
const establish = (
  overrides: Partial<Extract<OrganizationCommand, { kind: 'EstablishOrganization' }>> = {},
): OrganizationCommand => ({
  kind: 'EstablishOrganization',
  organizationId: 'o1',
  name: '第一支部',
  organizationType: 'Branch',
  parent: related({ type: 'WorkingCommittee' }),
  region,
  buildingId: 'b1',
  establishedOn: '2026-01-05',
  documentNumber: 'doc-1',
  unitIds: ['u1'],
  fullMembersInUnits: 3,
  ...dated,
  ...overrides,
});

describe('establishing an organization', () => {
  it('records the establishment with date and document number, and the units it covers', () => {
    given()
      .when(establish())
      .then([
        {
          type: 'OrganizationEstablished',
          data: expect.objectContaining({
            organizationId: 'o1',
            organizationType: 'Branch',
            parentId: 'p1',
            establishedOn: '2026-01-05',
            documentNumber: 'doc-1',
          }),
        },
        { type: 'UnitsCovered', data: { organizationId: 'o1', unitIds: ['u1'], effectiveOn: '2026-01-05' } },
      ]);
  });
  it('refuses an existing id, a future date, an inactive parent, a child type the parent cannot have, another district', () => {
    given(established()).when(establish()).thenRefused('ORGANIZATION_ALREADY_EXISTS', 'organizationId');
    given()
      .when(establish({ establishedOn: '2027-01-01' }))
      .thenRefused('DATE_IN_FUTURE', 'establishedOn');
    given()
      .when(establish({ parent: related({ status: 'dissolved' }) }))
      .thenRefused('PARENT_NOT_ACTIVE', 'parentId');
    given()
      .when(establish({ parent: related({ type: 'Branch' }) }))
      .thenRefused('CHILD_TYPE_NOT_ALLOWED', 'organizationType');
    given()
      .when(establish({ organizationType: 'PartyGroup', parent: related({ type: 'Committee' }) }))
      .thenRefused('CHILD_TYPE_NOT_ALLOWED');
    given()
      .when(establish({ parent: related({ region: { district: 'xuhui', street: null, community: null } }) }))
      .thenRefused('REGION_OUTSIDE_PARENT', 'region.district');
  });
  it('allows only a committee at the root', () => {
    given()
      .when(establish({ parent: null, organizationType: 'Branch' }))
      .thenRefused('ROOT_MUST_BE_COMMITTEE');
    given()
      .when(establish({ parent: null, organizationType: 'Committee', unitIds: [] }))
      .then([{ type: 'OrganizationEstablished' }]);
  });
  it('refuses a child dated before its parent was established (0001-01-01 under a parent of 2020)', () => {
    const parent = related({ type: 'WorkingCommittee', establishedOn: '2020-03-01' });
    given()
      .when(establish({ parent, establishedOn: '0001-01-01' }))
      .thenRefused('DATE_BEFORE_PARENT_ESTABLISHED', 'establishedOn');
    given()
      .when(establish({ parent, establishedOn: '2020-02-29' }))
      .thenRefused('DATE_BEFORE_PARENT_ESTABLISHED', 'establishedOn');
    given()
      .when(establish({ parent, establishedOn: '2020-03-01' }))
      .then([{ type: 'OrganizationEstablished' }, { type: 'UnitsCovered' }]);
  });
  it('refuses an independent branch without units: it has no full members yet', () => {
    given()
      .when(establish({ unitIds: [], fullMembersInUnits: null }))
      .thenRefused('INSUFFICIENT_FULL_MEMBERS', 'unitIds');
    given()
      .when(establish({ unitIds: [], fullMembersInUnits: 5 }))
      .thenRefused('INSUFFICIENT_FULL_MEMBERS', 'unitIds');
    given()
      .when(establish({ unitIds: [], fullMembersInUnits: null, organizationType: 'JointBranch' }))
      .then([{ type: 'OrganizationEstablished' }]);
    given()
      .when(establish({ fullMembersInUnits: null }))
      .thenRefused('INSUFFICIENT_FULL_MEMBERS', 'organizationType');
  });
  it('refuses an independent branch with fewer than three full members once member facts exist (configurable)', () => {
    given()
      .when(establish({ fullMembersInUnits: 2 }))
      .thenRefused('INSUFFICIENT_FULL_MEMBERS', 'organizationType');
    given()
      .when(establish({ fullMembersInUnits: 3 }))
      .then([{ type: 'OrganizationEstablished' }, { type: 'UnitsCovered' }]);
    given()
      .when(establish({ fullMembersInUnits: 2, organizationType: 'JointBranch' }))
      .then([{ type: 'OrganizationEstablished' }, { type: 'UnitsCovered' }]);
    given()
      .when(establish({ fullMembersInUnits: 2, rules: { ...DEFAULT_RULES, minFullMembersForBranch: 2 } }))
      .then([{ type: 'OrganizationEstablished' }, { type: 'UnitsCovered' }]);
  });
});

describe('lifecycle', () => {
  const merge = (
    target: RelatedOrganization,
    activeChildCount = 0,
    members: number | null = null,
    effectiveOn = today,
  ): OrganizationCommand => ({
    kind: 'MergeOrganization',
    target,
    activeChildCount,
    memberFacts: members === null ? null : { members, fullMembers: members },
    effectiveOn,
    documentNumber: 'm',
    ...dated,
  });
  it('renames with an effective date no earlier than the last change', () => {
    given(established())
      .when({ kind: 'RenameOrganization', name: '新名', effectiveOn: '2026-02-01', ...dated })
      .then([
        {
          type: 'OrganizationRenamed',
          data: { organizationId: 'o1', name: '新名', previousName: '南京东路街道党工委', effectiveOn: '2026-02-01' },
        },
      ]);
    given(established())
      .when({ kind: 'RenameOrganization', name: '新名', effectiveOn: '2019-02-01', ...dated })
      .thenRefused('DATE_BEFORE_LAST_CHANGE', 'effectiveOn');
    given(established())
      .when({ kind: 'RenameOrganization', name: '南京东路街道党工委', effectiveOn: today, ...dated })
      .thenRefused('NOTHING_CHANGES', 'name');
  });
  it('refuses to make an organization with children a branch', () => {
    const change = (
      organizationType: 'Branch' | 'GeneralBranch',
      activeChildCount: number,
      fullMembers = 3,
    ): OrganizationCommand => ({
      kind: 'ChangeOrganizationType',
      organizationType,
      parent: related(),
      activeChildCount,
      memberFacts: { members: fullMembers, fullMembers },
      effectiveOn: today,
      documentNumber: null,
      ...dated,
    });
    given(established()).when(change('Branch', 2)).thenRefused('ORGANIZATION_HAS_CHILDREN', 'organizationType');
    given(established())
      .when(change('Branch', 0))
      .then([
        {
          type: 'OrganizationTypeChanged',
          data: expect.objectContaining({ organizationType: 'Branch', previousType: 'WorkingCommittee' }),
        },
      ]);
    given(established())
      .when(change('GeneralBranch', 2))
      .then([{ type: 'OrganizationTypeChanged' }]);
  });
  it('refuses to make an independent branch of an organization with fewer than three full members', () => {
    const change = (memberFacts: { members: number; fullMembers: number } | null): OrganizationCommand => ({
      kind: 'ChangeOrganizationType',
      organizationType: 'Branch',
      parent: related(),
      activeChildCount: 0,
      memberFacts,
      effectiveOn: today,
      documentNumber: null,
      ...dated,
    });
    const joint = established({ organizationType: 'JointBranch' });
    given(joint)
      .when(change({ members: 9, fullMembers: 2 }))
      .thenRefused('INSUFFICIENT_FULL_MEMBERS', 'organizationType');
    given(joint).when(change(null)).thenRefused('INSUFFICIENT_FULL_MEMBERS', 'organizationType');
    given(joint)
      .when(change({ members: 3, fullMembers: 3 }))
      .then([{ type: 'OrganizationTypeChanged' }]);
  });
  it('refuses a reparent or a transfer dated before the new parent was established', () => {
    const newParent = related({ id: 'p2', establishedOn: '2026-06-01' });
    const reparent = (effectiveOn: string): OrganizationCommand => ({
      kind: 'ReparentOrganization',
      newParent,
      currentRegion: region,
      effectiveOn,
      documentNumber: null,
      ...dated,
    });
    given(established()).when(reparent('2026-05-31')).thenRefused('DATE_BEFORE_PARENT_ESTABLISHED', 'effectiveOn');
    given(established())
      .when(reparent('2026-06-01'))
      .then([{ type: 'OrganizationReparented' }]);
    const xuhui = { district: 'xuhui', street: null, community: null };
    given(established())
      .when({
        kind: 'TransferOrganizationToDistrict',
        newParent: related({ id: 'x1', region: xuhui, establishedOn: '2026-06-01' }),
        currentRegion: region,
        region: xuhui,
        effectiveOn: '2026-05-31',
        documentNumber: 't',
        ...dated,
      })
      .thenRefused('DATE_BEFORE_PARENT_ESTABLISHED', 'effectiveOn');
  });
  it('reparents within the district and refuses cycles', () => {
    const reparent = (newParent: RelatedOrganization): OrganizationCommand => ({
      kind: 'ReparentOrganization',
      newParent,
      currentRegion: region,
      effectiveOn: today,
      documentNumber: null,
      ...dated,
    });
    given(established())
      .when(reparent(related({ id: 'p2' })))
      .then([
        {
          type: 'OrganizationReparented',
          data: expect.objectContaining({ parentId: 'p2', previousParentId: 'district' }),
        },
      ]);
    given(established())
      .when(reparent(related({ id: 'child', ancestorIds: ['city', 'district', 'o1'] })))
      .thenRefused('CYCLE_IN_TREE', 'parentId');
    given(established())
      .when(reparent(related({ id: 'o1' })))
      .thenRefused('CYCLE_IN_TREE');
    given(established())
      .when(reparent(related({ id: 'p3', region: { district: 'xuhui', street: null, community: null } })))
      .thenRefused('CROSS_DISTRICT_REPARENT');
    given(established())
      .when(reparent(related({ id: 'district' })))
      .thenRefused('NOTHING_CHANGES');
  });
  it('transfers a whole organization to another district under a parent there', () => {
    const xuhui = { district: 'xuhui', street: 'tianping', community: null };
    const transfer = (newParent: RelatedOrganization, to = xuhui): OrganizationCommand => ({
      kind: 'TransferOrganizationToDistrict',
      newParent,
      currentRegion: region,
      region: to,
      effectiveOn: today,
      documentNumber: '沪组〔2026〕9号',
      ...dated,
    });
    given(established())
      .when(transfer(related({ id: 'x1', region: { district: 'xuhui', street: null, community: null } })))
      .then([
        {
          type: 'OrganizationTransferredToDistrict',
          data: expect.objectContaining({ region: xuhui, previousRegion: region, parentId: 'x1' }),
        },
      ]);
    given(established()).when(transfer(related(), region)).thenRefused('SAME_DISTRICT_TRANSFER');
    given(established())
      .when(transfer(related({ id: 'x1' })))
      .thenRefused('REGION_OUTSIDE_PARENT');
  });
  it('dissolves only an organization without children or members', () => {
    const dissolve = (activeChildCount: number, members: number | null): OrganizationCommand => ({
      kind: 'DissolveOrganization',
      reason: '单位注销',
      activeChildCount,
      memberFacts: members === null ? null : { members, fullMembers: members },
      effectiveOn: today,
      documentNumber: 'd',
      ...dated,
    });
    given(established()).when(dissolve(1, null)).thenRefused('ORGANIZATION_HAS_CHILDREN');
    given(established()).when(dissolve(0, 4)).thenRefused('ORGANIZATION_HAS_MEMBERS');
    given(established())
      .when(dissolve(0, 0))
      .then([{ type: 'OrganizationDissolved' }]);
    const dissolved: OrganizationEvent = {
      type: 'OrganizationDissolved',
      data: { organizationId: 'o1', reason: 'r', effectiveOn: today, documentNumber: 'd' },
    };
    given(established(), dissolved)
      .when({ kind: 'RenameOrganization', name: 'x', effectiveOn: today, ...dated })
      .thenRefused('ORGANIZATION_NOT_ACTIVE');
  });
  it('voids a dissolution a late registration crossed: active again from the dissolution date (ADR 0011)', () => {
    const dissolved: OrganizationEvent = {
      type: 'OrganizationDissolved',
      data: { organizationId: 'o1', reason: 'r', effectiveOn: '2026-11-01', documentNumber: 'd' },
    };
    const reinstate: OrganizationCommand = { kind: 'ReinstateOrganization', reason: 'a member arrived', ...dated };
    given(established(), dissolved)
      .when(reinstate)
      .then([
        {
          type: 'OrganizationReinstated',
          data: { organizationId: 'o1', reason: 'a member arrived', effectiveOn: '2026-11-01' },
        },
      ]);
    const reinstated: OrganizationEvent = {
      type: 'OrganizationReinstated',
      data: { organizationId: 'o1', reason: 'a member arrived', effectiveOn: '2026-11-01' },
    };
    expect([established(), dissolved, reinstated].reduce(evolveOrganization, initialOrganizationState())).toMatchObject(
      { status: 'active' },
    );
    given(established()).when(reinstate).thenRefused('NOTHING_CHANGES');
    given().when(reinstate).thenRefused('ORGANIZATION_NOT_FOUND');
  });

  it('merges into another active organization, not into itself or a subordinate, and not with children', () => {
    given(established())
      .when(merge(related({ id: 'o2' })))
      .then([{ type: 'OrganizationMerged', data: expect.objectContaining({ mergedIntoId: 'o2' }) }]);
    given(established())
      .when(merge(related({ id: 'o1' })))
      .thenRefused('MERGE_INTO_SELF');
    given(established())
      .when(merge(related({ id: 'o3', ancestorIds: ['o1'] })))
      .thenRefused('CYCLE_IN_TREE');
    given(established())
      .when(merge(related({ id: 'o2' }), 3))
      .thenRefused('ORGANIZATION_HAS_CHILDREN');
  });
  it('merges with its members into a branch (they move with it, ADR 0024), never into what cannot hold them, nor before the target existed', () => {
    given(established())
      .when(merge(related({ id: 'o2' }), 0, 4))
      .thenRefused('ORGANIZATION_HAS_MEMBERS', 'targetId');
    given(established())
      .when(merge(related({ id: 'o2', type: 'JointBranch' }), 0, 4))
      .then([{ type: 'OrganizationMerged' }]);
    given(established())
      .when(merge(related({ id: 'o2' }), 0, 0))
      .then([{ type: 'OrganizationMerged' }]);
    given(established())
      .when(merge(related({ id: 'o2', establishedOn: '2026-06-01' }), 0, 0, '2026-05-31'))
      .thenRefused('DATE_BEFORE_TARGET_ESTABLISHED', 'effectiveOn');
  });
});

describe('leadership and terms', () => {
  const elect = (electedOn: string): OrganizationCommand => ({
    kind: 'ElectLeadership',
    electedOn,
    secretary: { maskedName: '张*记', memberId: null },
    deputySecretaries: [],
    committeeMembers: [{ maskedName: '李*员', memberId: null }],
    ...dated,
  });
  it('computes the term end from the election date: 3 years by default, 5 for community committees', () => {
    given(established())
      .when(elect('2026-03-01'))
      .then([{ type: 'LeadershipElected', data: expect.objectContaining({ termYears: 3, termEndsOn: '2029-03-01' }) }]);
    const community = established({ organizationType: 'Committee', region: { ...region, community: 'c1' } });
    given(community)
      .when(elect('2024-02-29'))
      .then([{ type: 'LeadershipElected', data: expect.objectContaining({ termYears: 5, termEndsOn: '2029-02-28' }) }]);
  });
  it('refuses an election dated before the last change or the establishment: the timeline stays in order', () => {
    const renamed: OrganizationEvent = {
      type: 'OrganizationRenamed',
      data: { organizationId: 'o1', name: '新名', previousName: '南京东路街道党工委', effectiveOn: '2025-06-01' },
    };
    given(established(), renamed).when(elect('2025-05-31')).thenRefused('DATE_BEFORE_LAST_CHANGE', 'electedOn');
    given(established(), renamed)
      .when(elect('2025-06-01'))
      .then([{ type: 'LeadershipElected' }]);
    given(established()).when(elect('2019-12-31')).thenRefused('DATE_BEFORE_LAST_CHANGE', 'electedOn');
    const covered: OrganizationEvent = {
      type: 'UnitsCovered',
      data: { organizationId: 'o1', unitIds: ['u1'], effectiveOn: '2025-09-01' },
    };
    given(established(), covered).when(elect('2025-08-01')).thenRefused('DATE_BEFORE_LAST_CHANGE', 'electedOn');
  });
  it('refuses covering or uncovering units before the last change', () => {
    const renamed: OrganizationEvent = {
      type: 'OrganizationRenamed',
      data: { organizationId: 'o1', name: '新名', previousName: '南京东路街道党工委', effectiveOn: '2025-06-01' },
    };
    given(established(), renamed)
      .when({ kind: 'CoverUnits', unitIds: ['u1'], effectiveOn: '2025-01-01', ...dated })
      .thenRefused('DATE_BEFORE_LAST_CHANGE', 'effectiveOn');
    given(established(), renamed)
      .when({ kind: 'CoverUnits', unitIds: ['u1'], effectiveOn: '2027-01-01', ...dated })
      .thenRefused('DATE_IN_FUTURE', 'effectiveOn');
  });
  it('keeps one current leadership: a new election must come after the current one', () => {
    const first = decideOrganization(elect('2024-01-10'), evolveOrganization(null, established()))[0]!;
    given(established(), first).when(elect('2023-12-01')).thenRefused('LEADERSHIP_OUT_OF_ORDER', 'electedOn');
    const state = [
      established(),
      first,
      ...decideOrganization(elect('2026-01-10'), evolveOrganization(evolveOrganization(null, established()), first)),
    ].reduce(evolveOrganization, null);
    expect(state?.leadership?.electedOn).toBe('2026-01-10');
  });
  it('takes the term lengths from district configuration', () => {
    const rules = rulesFor(
      { version: 2, defaults: DEFAULT_RULES, districts: { pudong: { defaultTermYears: 4 } } },
      'pudong',
    );
    expect(termYearsFor(rules, 'Branch', region)).toBe(4);
    expect(
      termYearsFor(rulesFor({ version: 2, defaults: DEFAULT_RULES, districts: {} }, 'pudong'), 'Branch', region),
    ).toBe(3);
  });
  it('says whether an election is current, due, overdue or never held', () => {
    const leadership = {
      electedOn: '2023-12-01',
      termYears: 3,
      termEndsOn: '2026-12-01',
      secretary: { maskedName: '*', memberId: null },
      deputySecretaries: [],
      committeeMembers: [],
    };
    expect(electionStatus(leadership, today, DEFAULT_RULES)).toBe('DUE');
    expect(electionStatus({ ...leadership, termEndsOn: '2026-11-01' }, today, DEFAULT_RULES)).toBe('OVERDUE');
    expect(electionStatus({ ...leadership, termEndsOn: '2028-01-01' }, today, DEFAULT_RULES)).toBe('CURRENT');
    expect(electionStatus(null, today, DEFAULT_RULES)).toBe('NEVER_ELECTED');
  });
});

describe('units covered and setting findings', () => {
  it('covers only units not yet covered and uncovers only covered ones', () => {
    const covered: OrganizationEvent = {
      type: 'UnitsCovered',
      data: { organizationId: 'o1', unitIds: ['u1'], effectiveOn: today },
    };
    given(established(), covered)
      .when({ kind: 'CoverUnits', unitIds: ['u1', 'u2', 'u2'], effectiveOn: today, ...dated })
      .then([{ type: 'UnitsCovered', data: { organizationId: 'o1', unitIds: ['u2'], effectiveOn: today } }]);
    given(established(), covered)
      .when({ kind: 'CoverUnits', unitIds: ['u1'], effectiveOn: today, ...dated })
      .thenRefused('NOTHING_CHANGES');
    given(established(), covered)
      .when({ kind: 'UncoverUnits', unitIds: ['u1', 'u9'], effectiveOn: today, ...dated })
      .then([{ type: 'UnitsUncovered', data: { organizationId: 'o1', unitIds: ['u1'], effectiveOn: today } }]);
  });
  it('reports the configurable setting rules as findings, not blocks', () => {
    const subject = {
      type: 'JointBranch' as const,
      status: 'active',
      coveredUnitCount: 6,
      leadership: null,
      inNonPublicUnit: true,
    };
    expect(assessSetting(subject, null, today, DEFAULT_RULES).map((f) => f.code)).toEqual([
      'JOINT_BRANCH_TOO_MANY_UNITS',
      'NEVER_ELECTED',
    ]);
    expect(
      assessSetting({ ...subject, coveredUnitCount: 5 }, { members: 120, fullMembers: 110 }, today, DEFAULT_RULES).map(
        (f) => f.code,
      ),
    ).toEqual(['NEVER_ELECTED', 'BRANCH_TOO_LARGE', 'BRANCH_COMMITTEE_EXPECTED', 'COMMITTEE_EXPECTED']);
    expect(
      assessSetting(
        { ...subject, type: 'Branch', coveredUnitCount: 1 },
        { members: 60, fullMembers: 2 },
        today,
        DEFAULT_RULES,
      ).map((f) => f.code),
    ).toEqual(['NEVER_ELECTED', 'BRANCH_BELOW_MINIMUM', 'BRANCH_TOO_LARGE', 'GENERAL_BRANCH_EXPECTED']);
    expect(assessSetting({ ...subject, status: 'dissolved' }, null, today, DEFAULT_RULES)).toEqual([]);
  });
});

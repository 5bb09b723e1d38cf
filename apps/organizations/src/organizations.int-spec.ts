import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Kafka, logLevel } from 'kafkajs';
import { type Db, MongoClient } from 'mongodb';
import { MongoEventStore } from '@lianjian/event-store';
import { type IntegrationEnvelope } from '@lianjian/messaging';
import { ORGANIZATIONS_EVENTS, ORGANIZATIONS_TOPICS, streamId } from '@lianjian/organizations-contracts';
import {
  PersonalDataSent,
  eventually,
  requireEnv,
  scanServiceLogs,
  testCaller as caller,
  uniqueName,
  unservedQueriesOn,
} from '@lianjian/testing';
import { OrganizationStateProjection } from './infrastructure/organization-state.projection';
import { TimelineProjection } from './infrastructure/timeline.projection';
import { LIST_READS as ORGANIZATIONS_LIST_READS, treeViews, views } from './infrastructure/views';
import { type TimelineEntry } from './application/read-models';
import { CITY, OrganizationsHarness, TODAY } from './testing/organizations-harness';

const ORG_FIELDS = 'id name type status parentId ancestorIds depth version region { district street community }';
const ESTABLISH = `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { ${ORG_FIELDS} } }`;
const region = (district: string | null, street: string | null = null, community: string | null = null) => ({
  district,
  street,
  community,
});

interface Org {
  id: string;
  name: string;
  type: string;
  status: string;
  parentId: string | null;
  ancestorIds: string[];
  depth: number;
  version: number;
  region: { district: string | null };
}

describe('organizations service on a real MongoDB-compatible database and Kafka', () => {
  let svc: OrganizationsHarness;
  const establish = async (input: Record<string, unknown>, who = CITY) =>
    (
      await svc.ok<{ establishOrganization: Org }>(who, ESTABLISH, {
        input: { establishedOn: '2020-01-01', documentNumber: '沪委〔2020〕1号', ...input },
      })
    ).establishOrganization;

  // city → huangpu district committee → street working committee → community committee → branch
  let city: Org, huangpu: Org, street: Org, community: Org, branch: Org, xuhui: Org;

  /** Every person's name, ID number, phone and reason the tests send the service: no log line may carry one. */
  const sent = new PersonalDataSent();

  beforeAll(async () => {
    svc = await OrganizationsHarness.start();
    sent.watch(svc);
    city = await establish({
      organizationId: 'city',
      name: '市委',
      organizationType: 'Committee',
      parentId: null,
      region: region(null),
    });
    huangpu = await establish({
      organizationId: 'huangpu',
      name: '黄浦区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('huangpu'),
    });
    xuhui = await establish({
      organizationId: 'xuhui',
      name: '徐汇区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('xuhui'),
    });
    street = await establish({
      organizationId: 'nanjing-east',
      name: '南京东路街道党工委',
      organizationType: 'WorkingCommittee',
      parentId: 'huangpu',
      region: region('huangpu', 'nanjing-east'),
    });
    community = await establish({
      organizationId: 'c-1',
      name: '贵州居民区党委',
      organizationType: 'Committee',
      parentId: 'nanjing-east',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
    });
    branch = await establish({
      organizationId: 'b-1',
      name: '第一党支部',
      organizationType: 'JointBranch',
      parentId: 'c-1',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
      establishedOn: '2021-03-01',
    });
  });
  afterAll(async () => svc.stop());

  it('builds the tree with ancestors, depth and district', () => {
    expect(city).toMatchObject({ parentId: null, depth: 0, version: 1 });
    expect(branch).toMatchObject({
      parentId: 'c-1',
      ancestorIds: ['city', 'huangpu', 'nanjing-east', 'c-1'],
      depth: 4,
      region: { district: 'huangpu' },
    });
    expect(xuhui.ancestorIds).toEqual(['city']);
    expect(huangpu.status).toBe('active');
    expect(street.type).toBe('WorkingCommittee');
    expect(community.depth).toBe(3);
  });

  it('answers children, subtree (cursor-paged) and the ancestor path', async () => {
    const data = await svc.ok<{
      organization: {
        ancestors: Array<{ id: string }>;
        children: { totalCount: number; edges: Array<{ node: { id: string } }> };
        subtree: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: { id: string } }>;
        };
      };
    }>(
      CITY,
      `{ organization(id: "huangpu") { ancestors { id } children { totalCount edges { node { id } } } subtree(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`,
    );
    expect(data.organization.ancestors.map((a) => a.id)).toEqual(['city']);
    expect(data.organization.children.edges.map((e) => e.node.id)).toEqual(['nanjing-east']);
    expect(data.organization.subtree.totalCount).toBe(3);
    expect(data.organization.subtree.pageInfo.hasNextPage).toBe(true);
    const next = await svc.ok<{
      organization: { subtree: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean } } };
    }>(
      CITY,
      `query($after: String) { organization(id: "huangpu") { subtree(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage } } } }`,
      { after: data.organization.subtree.pageInfo.endCursor },
    );
    const all = [...data.organization.subtree.edges, ...next.organization.subtree.edges].map((e) => e.node.id).sort();
    expect(all).toEqual(['b-1', 'c-1', 'nanjing-east']);
    expect(next.organization.subtree.pageInfo.hasNextPage).toBe(false);
    // a cursor the API did not issue is the client's mistake, named, not an empty or wrong page
    for (const forged of ['not a cursor', 'aGVsbG8=']) {
      expect(
        await svc.code(
          CITY,
          `query($after: String) { organization(id: "huangpu") { subtree(first: 2, after: $after) { totalCount } } }`,
          { after: forged },
        ),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('refuses tree rules with their stable codes and the field at fault, writing nothing', async () => {
    const cycle = await svc.gql(
      CITY,
      `mutation { reparentOrganization(input: { organizationId: "nanjing-east", parentId: "c-1" }) { id } }`,
    );
    expect(cycle.errors?.[0]?.extensions).toMatchObject({ code: 'CYCLE_IN_TREE', field: 'parentId' });
    const dissolve = await svc.gql(
      CITY,
      `mutation { dissolveOrganization(input: { organizationId: "c-1", reason: "撤并", documentNumber: "d-1" }) { id } }`,
    );
    expect(dissolve.errors?.[0]?.extensions).toMatchObject({
      code: 'ORGANIZATION_HAS_CHILDREN',
      field: 'organizationId',
    });
    const toBranch = await svc.gql(
      CITY,
      `mutation { changeOrganizationType(input: { organizationId: "c-1", organizationType: Branch }) { id } }`,
    );
    expect(toBranch.errors?.[0]?.extensions).toMatchObject({
      code: 'ORGANIZATION_HAS_CHILDREN',
      field: 'organizationType',
    });
    const childOfBranch = await svc.gql(CITY, ESTABLISH, {
      input: {
        name: '错误支部',
        organizationType: 'Branch',
        parentId: 'b-1',
        region: region('huangpu'),
        establishedOn: '2022-01-01',
        documentNumber: 'x',
      },
    });
    expect(childOfBranch.errors?.[0]?.extensions).toMatchObject({
      code: 'CHILD_TYPE_NOT_ALLOWED',
      field: 'organizationType',
    });
    const crossDistrict = await svc.gql(
      CITY,
      `mutation { reparentOrganization(input: { organizationId: "nanjing-east", parentId: "xuhui" }) { id } }`,
    );
    expect(crossDistrict.errors?.[0]?.extensions?.['code']).toBe('CROSS_DISTRICT_REPARENT');
    const org = await svc.ok<{ organization: { version: number; status: string } }>(
      CITY,
      `{ organization(id: "c-1") { version status } }`,
    );
    expect(org.organization).toEqual({ version: 1, status: 'active' });
  });

  it('refuses what is dated before what it depends on, and a branch without three full members, writing nothing', async () => {
    const code = async (query: string, variables?: Record<string, unknown>) =>
      (await svc.gql(CITY, query, variables)).errors?.[0]?.extensions;
    const child = {
      organizationId: 'early-1',
      name: '早于上级的支部',
      organizationType: 'JointBranch',
      parentId: 'c-1',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
      documentNumber: 'x',
    };
    // c-1 was established on 2020-01-01, b-1 on 2021-03-01
    expect(await code(ESTABLISH, { input: { ...child, establishedOn: '0001-01-01' } })).toMatchObject({
      code: 'DATE_BEFORE_PARENT_ESTABLISHED',
      field: 'establishedOn',
    });
    expect(
      await code(
        `mutation { electLeadership(input: { organizationId: "b-1", electedOn: "2021-02-28", secretary: { name: "王书记" } }) { id } }`,
      ),
    ).toMatchObject({ code: 'DATE_BEFORE_LAST_CHANGE', field: 'electedOn' });
    expect(
      await code(
        `mutation { reparentOrganization(input: { organizationId: "b-1", parentId: "nanjing-east", effectiveOn: "2021-01-01" }) { id } }`,
      ),
    ).toMatchObject({ code: 'DATE_BEFORE_LAST_CHANGE', field: 'effectiveOn' });
    // an independent branch: without units it has no full members; nor has b-1 (no member reached this service)
    expect(
      await code(ESTABLISH, {
        input: { ...child, organizationId: 'lone-1', organizationType: 'Branch', establishedOn: '2022-01-01' },
      }),
    ).toMatchObject({ code: 'INSUFFICIENT_FULL_MEMBERS', field: 'unitIds' });
    expect(
      await code(
        `mutation { changeOrganizationType(input: { organizationId: "b-1", organizationType: Branch }) { id } }`,
      ),
    ).toMatchObject({ code: 'INSUFFICIENT_FULL_MEMBERS', field: 'organizationType' });
    const written = await svc.ok<{
      early: { id: string } | null;
      lone: { id: string } | null;
      b1: { version: number };
    }>(
      CITY,
      `{ early: organization(id: "early-1") { id } lone: organization(id: "lone-1") { id } b1: organization(id: "b-1") { version } }`,
    );
    expect(written).toEqual({ early: null, lone: null, b1: { version: 1 } });
  });

  it('rejects bad input with BAD_USER_INPUT and the field at fault', async () => {
    const bad = await svc.gql(CITY, ESTABLISH, {
      input: {
        name: 'x',
        organizationType: 'Branch',
        parentId: 'c-1',
        region: region('Huang Pu'),
        establishedOn: '2020-13-45x',
        documentNumber: '',
      },
    });
    expect(bad.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const fields = (bad.errors?.[0]?.extensions?.['violations'] as Array<{ field: string }>).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'region.district', 'establishedOn', 'documentNumber']));
    const wrongEnum = await svc.gql(CITY, ESTABLISH, {
      input: {
        name: '某支部',
        organizationType: 'Club',
        parentId: 'c-1',
        region: region('huangpu'),
        establishedOn: '2020-01-01',
        documentNumber: 'd',
      },
    });
    expect(wrongEnum.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('reports concurrent edits as a retryable CONFLICT, and applies a repeated command once', async () => {
    const renamed = await svc.ok<{ renameOrganization: { version: number } }>(
      CITY,
      `mutation { renameOrganization(input: { organizationId: "b-1", name: "第一联合支部", expectedVersion: 1, commandId: "6f1c1f7e-1b7f-4a38-9b8f-0a1de1d6a001" }) { version } }`,
    );
    expect(renamed.renameOrganization.version).toBe(2);
    const again = await svc.ok<{ renameOrganization: { version: number } }>(
      CITY,
      `mutation { renameOrganization(input: { organizationId: "b-1", name: "第一联合支部", commandId: "6f1c1f7e-1b7f-4a38-9b8f-0a1de1d6a001" }) { version } }`,
    );
    expect(again.renameOrganization.version).toBe(2);
    const stale = await svc.gql(
      CITY,
      `mutation { renameOrganization(input: { organizationId: "b-1", name: "过时的名称", expectedVersion: 1 }) { version } }`,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'expectedVersion',
      retryable: true,
      actualVersion: 2,
    });
    // many concurrent renames without an expected version: each lands once, versions stay gap-free
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        svc.ok(
          CITY,
          `mutation { renameOrganization(input: { organizationId: "b-1", name: "并发名称${i}" }) { version } }`,
        ),
      ),
    );
    const org = await svc.ok<{ organization: { version: number } }>(CITY, `{ organization(id: "b-1") { version } }`);
    expect(org.organization.version).toBe(8);
  });

  it('loads an organization with a long history from its snapshot and the events after it', async () => {
    await establish({
      organizationId: 'long-1',
      name: '长历史党支部',
      organizationType: 'JointBranch',
      parentId: 'huangpu',
      region: region('huangpu'),
    });
    let last = { name: '', version: 0 };
    for (let i = 1; i <= 55; i += 1) {
      last = (
        await svc.ok<{ renameOrganization: { name: string; version: number } }>(
          CITY,
          `mutation { renameOrganization(input: { organizationId: "long-1", name: "名称${i}" }) { name version } }`,
        )
      ).renameOrganization;
    }
    expect(last).toEqual({ name: '名称55', version: 56 });
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    try {
      const snapshot = await client
        .db(svc.database)
        .collection<{ _id: string; version: number }>('organizations_snapshots')
        .findOne({ _id: streamId('organization', 'long-1') });
      expect(snapshot?.version).toBeGreaterThanOrEqual(50);
    } finally {
      await client.close();
    }
    const stale = await svc.gql(
      CITY,
      `mutation { renameOrganization(input: { organizationId: "long-1", name: "过时", expectedVersion: 50 }) { version } }`,
    );
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', actualVersion: 56 });
    const read = await svc.ok<{ organization: { name: string; version: number; ancestorIds: string[] } }>(
      CITY,
      `{ organization(id: "long-1") { name version ancestorIds } }`,
    );
    expect(read.organization).toEqual({ name: '名称55', version: 56, ancestorIds: ['city', 'huangpu'] });
  });

  it('elects leadership with the configured term and lists elections due', async () => {
    const elected = await svc.ok<{
      electLeadership: { leadership: { termYears: number; termEndsOn: string }; electionStatus: string };
    }>(
      CITY,
      `mutation { electLeadership(input: { organizationId: "c-1", electedOn: "2021-12-20", secretary: { name: "王书记" }, committeeMembers: [{ name: "赵委员" }] }) { leadership { termYears termEndsOn } electionStatus } }`,
    );
    expect(elected.electLeadership.leadership).toEqual({ termYears: 5, termEndsOn: '2026-12-20' }); // community committee: 5 years
    expect(elected.electLeadership.electionStatus).toBe('DUE');
    await svc.ok(
      CITY,
      `mutation { electLeadership(input: { organizationId: "nanjing-east", electedOn: "2023-01-10", secretary: { name: "钱书记" } }) { id } }`,
    );
    const due = await svc.ok<{ electionsDue: Array<{ organization: { id: string }; status: string }> }>(
      CITY,
      `{ electionsDue(district: "huangpu") { organization { id } status } }`,
    );
    const byId = Object.fromEntries(due.electionsDue.map((d) => [d.organization.id, d.status]));
    expect(byId['c-1']).toBe('DUE');
    expect(byId['b-1']).toBe('NEVER_ELECTED');
    expect(byId['nanjing-east']).toBe('OVERDUE'); // elected 2023-01-10 for 3 years
  });

  it('registers units and buildings and reports coverage', async () => {
    await svc.ok(
      CITY,
      `mutation { registerBuilding(input: { buildingId: "bld-1", name: "新世界大厦", kind: Building, address: "南京东路1号", region: { district: "huangpu", street: "nanjing-east" } }) { id } }`,
    );
    for (const [id, scale] of [
      ['u-1', true],
      ['u-2', false],
      ['u-3', true],
    ] as const) {
      await svc.ok(CITY, `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
        input: {
          unitId: id,
          name: `单位${id}`,
          kind: 'Enterprise',
          industry: 'IT',
          employees: 80,
          aboveScale: scale,
          buildingId: 'bld-1',
          region: region('huangpu', 'nanjing-east'),
        },
      });
    }
    await svc.ok(CITY, `mutation { coverUnits(input: { organizationId: "b-1", unitIds: ["u-1", "u-2"] }) { id } }`);
    const data = await svc.ok<{
      building: { coverage: Record<string, unknown> };
      units: {
        totalCount: number;
        edges: Array<{ node: { id: string; covered: boolean; coveredBy: Array<{ id: string }> } }>;
      };
    }>(
      CITY,
      `{ building(id: "bld-1") { coverage { covered unitCount coveredUnitCount aboveScaleUnitCount coveredAboveScaleUnitCount unitCoverageRate } }
         units(district: "huangpu", covered: false) { totalCount edges { node { id covered coveredBy { id } } } } }`,
    );
    expect(data.building.coverage).toEqual({
      covered: true,
      unitCount: 3,
      coveredUnitCount: 2,
      aboveScaleUnitCount: 2,
      coveredAboveScaleUnitCount: 1,
      unitCoverageRate: 2 / 3,
    });
    expect(data.units.edges.map((e) => e.node)).toEqual([{ id: 'u-3', covered: false, coveredBy: [] }]);
    const unknown = await svc.gql(
      CITY,
      `mutation { coverUnits(input: { organizationId: "b-1", unitIds: ["u-404"] }) { id } }`,
    );
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNIT_NOT_FOUND', field: 'unitIds' });
  });

  it('keeps history through Kafka and answers the tree as it stood on a past date', async () => {
    await establish({
      organizationId: 'b-2',
      name: '第二党支部',
      organizationType: 'JointBranch',
      parentId: 'c-1',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
      establishedOn: '2022-06-01',
    });
    await svc.ok(
      CITY,
      `mutation { dissolveOrganization(input: { organizationId: "b-2", reason: "单位迁出", documentNumber: "d-2", effectiveOn: "2024-06-30" }) { status } }`,
    );
    const history = await eventually(async () => {
      const h = await svc.ok<{
        organization: { history: Array<{ version: number; eventType: string; effectiveOn: string; status: string }> };
      }>(CITY, `{ organization(id: "b-2") { history { version eventType effectiveOn status } } }`);
      expect(h.organization.history).toHaveLength(2);
      return h.organization.history;
    });
    expect(history).toEqual([
      { version: 1, eventType: 'OrganizationEstablished', effectiveOn: '2022-06-01', status: 'active' },
      { version: 2, eventType: 'OrganizationDissolved', effectiveOn: '2024-06-30', status: 'dissolved' },
    ]);
    const treeAt = async (date: string) =>
      (
        await svc.ok<{ organizationTreeAsOf: Array<{ id: string; depth: number }> }>(
          CITY,
          `{ organizationTreeAsOf(date: "${date}", rootId: "c-1") { id depth } }`,
        )
      ).organizationTreeAsOf
        .map((n) => `${n.depth}:${n.id}`)
        .sort();
    await eventually(async () => expect(await treeAt('2023-12-31')).toEqual(['0:c-1', '1:b-1', '1:b-2']));
    expect(await treeAt('2024-12-31')).toEqual(['0:c-1', '1:b-1']);
    expect(await treeAt('2021-01-01')).toEqual(['0:c-1']); // b-1 was established on 2021-03-01
  });

  it('scopes every query and mutation to the caller', async () => {
    const districtAdmin = caller('DISTRICT_ADMIN', { district: 'xuhui' });
    const foreign = await svc.gql(districtAdmin, `{ organization(id: "b-1") { id } }`);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const own = await svc.ok<{ organizations: { edges: Array<{ node: { id: string } }> } }>(
      districtAdmin,
      `{ organizations { edges { node { id } } } }`,
    );
    expect(own.organizations.edges.map((e) => e.node.id)).toEqual(['xuhui']);
    const orgAdmin = caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' });
    await svc.ok(
      orgAdmin,
      `mutation { renameOrganization(input: { organizationId: "b-1", name: "居民区第一支部" }) { id } }`,
    );
    const above = await svc.gql(
      orgAdmin,
      `mutation { renameOrganization(input: { organizationId: "nanjing-east", name: "越权" }) { id } }`,
    );
    expect(above.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const member = caller('MEMBER', { memberId: 'm-1', organizationId: 'b-1' });
    expect(
      (await svc.ok<{ organization: { id: string } }>(member, `{ organization(id: "b-1") { id } }`)).organization.id,
    ).toBe('b-1');
    expect(
      (
        await svc.gql(
          member,
          `mutation { renameOrganization(input: { organizationId: "b-1", name: "成员改名" }) { id } }`,
        )
      ).errors?.[0]?.extensions?.['code'],
    ).toBe('FORBIDDEN');
    const reader = caller('ANALYTICS_READER');
    expect(
      (await svc.ok<{ organizations: { totalCount: number } }>(reader, `{ organizations { totalCount } }`))
        .organizations.totalCount,
    ).toBeGreaterThan(5);
    expect(
      (
        await svc.gql(
          reader,
          `mutation { renameOrganization(input: { organizationId: "b-1", name: "读者改名" }) { id } }`,
        )
      ).errors?.[0]?.extensions?.['code'],
    ).toBe('FORBIDDEN');
    const anonymous = await svc.gql(null, `{ organizations { totalCount } }`);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('scopes the unit registry and service points by role, and opens, lists and closes service points', async () => {
    const huangpuAdmin = caller('DISTRICT_ADMIN', { district: 'huangpu' });
    const xuhuiAdmin = caller('DISTRICT_ADMIN', { district: 'xuhui' });
    await svc.ok(
      huangpuAdmin,
      `mutation { registerUnit(input: { unitId: "u-hp", name: "黄浦某律所", kind: SocialOrganization, industry: "法律", employees: 30, aboveScale: false, region: { district: "huangpu" } }) { id } }`,
    );
    const foreignWrite = await svc.gql(
      xuhuiAdmin,
      `mutation { registerUnit(input: { name: "越区登记", kind: Enterprise, industry: "IT", employees: 5, aboveScale: false, region: { district: "huangpu" } }) { id } }`,
    );
    expect(foreignWrite.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await svc.gql(xuhuiAdmin, `{ unit(id: "u-hp") { id } }`)).errors?.[0]?.extensions?.['code']).toBe(
      'FORBIDDEN',
    );
    const xuhuiUnits = await svc.ok<{ units: { totalCount: number } }>(xuhuiAdmin, `{ units { totalCount } }`);
    expect(xuhuiUnits.units.totalCount).toBe(0);
    const member = caller('MEMBER', { memberId: 'm-1', organizationId: 'b-1' });
    expect((await svc.gql(member, `{ units { totalCount } }`)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const reader = caller('ANALYTICS_READER');
    expect((await svc.ok<{ unit: { id: string } }>(reader, `{ unit(id: "u-hp") { id } }`)).unit.id).toBe('u-hp');
    expect(
      (await svc.gql(reader, `mutation { updateUnit(input: { unitId: "u-hp", employees: 31 }) { id } }`)).errors?.[0]
        ?.extensions?.['code'],
    ).toBe('FORBIDDEN');
    const updated = await svc.ok<{ updateUnit: { employees: number; version: number } }>(
      huangpuAdmin,
      `mutation { updateUnit(input: { unitId: "u-hp", employees: 31 }) { employees version } }`,
    );
    expect(updated.updateUnit).toEqual({ employees: 31, version: 2 });

    const orgAdmin = caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' });
    const opened = await svc.ok<{ openServicePoint: { id: string; open: boolean; hostOrganization: { id: string } } }>(
      orgAdmin,
      `mutation { openServicePoint(input: { servicePointId: "sp-1", name: "新世界大厦党员服务点", kind: ServicePoint, hostOrganizationId: "b-1", buildingId: "bld-1", region: { district: "huangpu" }, openedOn: "2025-03-01" }) { id open hostOrganization { id } } }`,
    );
    expect(opened.openServicePoint).toEqual({ id: 'sp-1', open: true, hostOrganization: { id: 'b-1' } });
    const foreignHost = await svc.gql(
      orgAdmin,
      `mutation { openServicePoint(input: { name: "越权服务点", kind: ServiceStation, hostOrganizationId: "huangpu", region: { district: "huangpu" }, openedOn: "2025-03-01" }) { id } }`,
    );
    expect(foreignHost.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const listed = await svc.ok<{ servicePoints: { edges: Array<{ node: { id: string } }> } }>(
      CITY,
      `{ servicePoints(buildingId: "bld-1") { edges { node { id } } } }`,
    );
    expect(listed.servicePoints.edges.map((e) => e.node.id)).toEqual(['sp-1']);
    const closed = await svc.ok<{ closeServicePoint: { open: boolean } }>(
      orgAdmin,
      `mutation { closeServicePoint(input: { servicePointId: "sp-1", closedOn: "2026-06-30" }) { open } }`,
    );
    expect(closed.closeServicePoint.open).toBe(false);
    const again = await svc.gql(orgAdmin, `mutation { closeServicePoint(input: { servicePointId: "sp-1" }) { open } }`);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_POINT_NOT_OPEN', field: 'servicePointId' });
  });

  it('merges an organization into another and reports its setting findings', async () => {
    await establish({
      organizationId: 'b-3',
      name: '第三党支部',
      organizationType: 'JointBranch',
      parentId: 'c-1',
      region: region('huangpu', 'nanjing-east', 'guizhou'),
      establishedOn: '2023-01-01',
    });
    const merged = await svc.ok<{ mergeOrganization: { status: string; mergedIntoId: string } }>(
      CITY,
      `mutation { mergeOrganization(input: { organizationId: "b-3", targetId: "b-1", documentNumber: "合并〔2026〕1号" }) { status mergedIntoId } }`,
    );
    expect(merged.mergeOrganization).toEqual({ status: 'merged', mergedIntoId: 'b-1' });
    const into = await svc.gql(
      CITY,
      `mutation { mergeOrganization(input: { organizationId: "c-1", targetId: "b-1", documentNumber: "x" }) { id } }`,
    );
    expect(into.errors?.[0]?.extensions?.['code']).toBe('CYCLE_IN_TREE');
    const findings = await svc.ok<{ organization: { complianceFindings: Array<{ code: string }> } }>(
      CITY,
      `{ organization(id: "b-1") { complianceFindings { code } } }`,
    );
    // a joint branch, never elected (the minimum of full members is an independent branch's rule)
    expect(findings.organization.complianceFindings.map((f) => f.code)).toEqual(['NEVER_ELECTED']);
  });

  it('transfers a whole organization to another district, with its subtree', async () => {
    await establish({
      organizationId: 'tianping',
      name: '天平街道党工委',
      organizationType: 'WorkingCommittee',
      parentId: 'xuhui',
      region: region('xuhui', 'tianping'),
    });
    const moved = await svc.ok<{ transferOrganizationToDistrict: Org }>(
      CITY,
      `mutation { transferOrganizationToDistrict(input: { organizationId: "c-1", parentId: "tianping", region: { district: "xuhui", street: "tianping", community: "guizhou" }, documentNumber: "沪组〔2026〕1号" }) { ${ORG_FIELDS} } }`,
    );
    expect(moved.transferOrganizationToDistrict).toMatchObject({
      parentId: 'tianping',
      ancestorIds: ['city', 'xuhui', 'tianping'],
      region: { district: 'xuhui' },
    });
    const child = await svc.ok<{ organization: Org }>(CITY, `{ organization(id: "b-1") { ${ORG_FIELDS} } }`);
    expect(child.organization).toMatchObject({
      ancestorIds: ['city', 'xuhui', 'tianping', 'c-1'],
      region: { district: 'xuhui' },
    }); // the tree as of today (the timeline, from Kafka): c-1 and its branch b-1 are xuhui's now, not huangpu's
    const asOf = async (district: string) =>
      (
        await svc.ok<{ organizationTreeAsOf: Array<{ id: string; region: { district: string } }> }>(
          caller('DISTRICT_ADMIN', { district }),
          `{ organizationTreeAsOf(date: "${TODAY}") { id region { district } } }`,
        )
      ).organizationTreeAsOf.map((o) => `${o.id}@${o.region.district}`);
    await eventually(async () =>
      expect(await asOf('xuhui')).toEqual(expect.arrayContaining(['c-1@xuhui', 'b-1@xuhui'])),
    );
    expect(await asOf('huangpu')).not.toEqual(expect.arrayContaining(['b-1@huangpu']));
    expect((await asOf('huangpu')).filter((o) => o.startsWith('c-1') || o.startsWith('b-1'))).toEqual([]);
  });

  it("keeps the district an ancestor's transfer gave an organization when it is later reparented", async () => {
    // b-1's own stream still says huangpu: the district came with c-1's transfer, which wrote nothing on b-1's stream
    const moved = await svc.ok<{ reparentOrganization: Org }>(
      CITY,
      `mutation { reparentOrganization(input: { organizationId: "b-1", parentId: "tianping" }) { ${ORG_FIELDS} } }`,
    );
    expect(moved.reparentOrganization).toMatchObject({
      parentId: 'tianping',
      ancestorIds: ['city', 'xuhui', 'tianping'],
      depth: 3,
      region: { district: 'xuhui' },
    });
    const read = await svc.ok<{
      organization: Org & { parent: { children: { edges: Array<{ node: { id: string } }> } } };
    }>(CITY, `{ organization(id: "b-1") { ${ORG_FIELDS} parent { children { edges { node { id } } } } } }`);
    expect(read.organization).toMatchObject({
      ancestorIds: ['city', 'xuhui', 'tianping'],
      depth: 3,
      region: { district: 'xuhui' },
    });
    expect(read.organization.parent.children.edges.map((e) => e.node.id).sort()).toEqual(['b-1', 'c-1']);
  });

  it('serves lists by key: districts follow moves, statuses and types filter, a walked subtree pages by cursor, meetings by period', async () => {
    type Ids = {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { id: string } }>;
    };
    const ids = (c: Ids) => c.edges.map((e) => e.node.id);
    // c-1 (with b-2 dissolved and b-3 merged below it) moved to xuhui, b-1 then reparented to tianping: they left huangpu's list
    const huangpu = await svc.ok<{ organizations: Ids }>(
      caller('DISTRICT_ADMIN', { district: 'huangpu' }),
      `{ organizations { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
    );
    expect(ids(huangpu.organizations)).toEqual(['huangpu', 'long-1', 'nanjing-east']);
    const xuhuiList = await svc.ok<{ all: Ids; active: Ids; branches: Ids; dissolved: Ids }>(
      CITY,
      `{ all: organizations(district: "xuhui") { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
         active: organizations(district: "xuhui", status: active) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
         branches: organizations(district: "xuhui", types: [Branch, JointBranch]) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
         dissolved: organizations(district: "xuhui", status: dissolved) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
    );
    expect(ids(xuhuiList.all)).toEqual(['b-1', 'b-2', 'b-3', 'c-1', 'tianping', 'xuhui']);
    expect(ids(xuhuiList.active)).toEqual(['b-1', 'c-1', 'tianping', 'xuhui']);
    expect(ids(xuhuiList.branches)).toEqual(['b-1', 'b-2', 'b-3']);
    expect(ids(xuhuiList.dissolved)).toEqual(['b-2']);

    // xuhui's subtree, walked through the lists of children, paged two at a time
    const subtreePage = async (who: typeof CITY, after: string | null, types = '', root = 'xuhui') =>
      (
        await svc.ok<{ organization: { subtree: Ids } }>(
          who,
          `query($after: String) { organization(id: "${root}") { subtree(first: 2, after: $after${types}) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }`,
          { after },
        )
      ).organization.subtree;
    const pages: string[][] = [];
    for (let page = await subtreePage(CITY, null); ; page = await subtreePage(CITY, page.pageInfo.endCursor)) {
      expect(page.totalCount).toBe(5);
      pages.push(ids(page));
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(pages).toEqual([['b-1', 'b-2'], ['b-3', 'c-1'], ['tianping']]);
    expect(ids(await subtreePage(CITY, null, ', types: [JointBranch]'))).toEqual(['b-1', 'b-2']);
    // an organization admin of c-1: what is below c-1 now (b-1 has left it); their list, the active ones of it
    const c1Admin = caller('ORGANIZATION_ADMIN', { organizationId: 'c-1' });
    const c1View = await subtreePage(c1Admin, null, '', 'c-1');
    expect({ ids: ids(c1View), total: c1View.totalCount, next: c1View.pageInfo.hasNextPage }).toEqual({
      ids: ['b-2', 'b-3'],
      total: 2,
      next: false,
    });
    const c1List = (
      await svc.ok<{ organizations: Ids }>(
        c1Admin,
        `{ organizations(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
      )
    ).organizations;
    expect({ ids: ids(c1List), total: c1List.totalCount, next: c1List.pageInfo.hasNextPage }).toEqual({
      ids: ['b-2'],
      total: 3,
      next: true,
    });
    expect(
      ids(
        (
          await svc.ok<{ organizations: Ids }>(
            c1Admin,
            `{ organizations(status: active) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
          )
        ).organizations,
      ),
    ).toEqual(['c-1']);

    // units: the covered ones (b-1 covers u-1 and u-2), a street's units and buildings
    const units = await svc.ok<{ covered: Ids; street: { unitCount: number; buildingCount: number } }>(
      CITY,
      `{ covered: units(covered: true) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
         street: regionCoverage(district: "huangpu", street: "nanjing-east") { unitCount buildingCount } }`,
    );
    expect(ids(units.covered)).toEqual(['u-1', 'u-2']);
    expect(units.street).toEqual({ unitCount: 3, buildingCount: 1 });

    // meetings: in date order, within a period
    const record = (meetingId: string, heldOn: string) =>
      svc.ok(CITY, `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`, {
        input: {
          meetingId,
          organizationId: 'b-1',
          meetingType: 'MembersMeeting',
          heldOn,
          host: { name: '王书记' },
          recorder: { name: '李记录' },
          attendeeIds: [],
          topics: ['学习'],
        },
      });
    await record('mt-2', '2026-03-02');
    await record('mt-1', '2026-01-15');
    await record('mt-3', '2026-03-02');
    const meetings = await svc.ok<{
      organization: { all: Array<{ id: string }>; spring: Array<{ id: string; heldOn: string }> };
    }>(
      CITY,
      `{ organization(id: "b-1") { all: meetings { id } spring: meetings(from: "2026-02-01", to: "2026-03-31") { id heldOn } } }`,
    );
    expect(meetings.organization.all.map((m) => m.id)).toEqual(['mt-1', 'mt-2', 'mt-3']);
    expect(meetings.organization.spring).toEqual([
      { id: 'mt-2', heldOn: '2026-03-02' },
      { id: 'mt-3', heldOn: '2026-03-02' },
    ]);
  });

  it('publishes every event to Kafka as documented: each message validates against its JSON Schema in docs/', async () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const root = path.resolve(__dirname, '../../..');
    const validators = new Map(
      ORGANIZATIONS_EVENTS.map((e) => [
        e.type as string,
        ajv.compile(
          JSON.parse(
            readFileSync(
              path.join(root, `docs/events/schemas/organizations/${e.type}.v${e.schemaVersion}.json`),
              'utf8',
            ),
          ) as object,
        ),
      ]),
    );
    const kafka = new Kafka({
      clientId: 'schema-check',
      brokers: requireEnv('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('schema-check') });
    const seen = new Map<string, number>();
    const invalid: string[] = [];
    await consumer.connect();
    await consumer.subscribe({
      topics: Object.values(ORGANIZATIONS_TOPICS).map((t) => `${svc.topicPrefix}${t}`),
      fromBeginning: true,
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value!.toString()) as { type: string; streamId: string };
        expect(message.key?.toString()).toBe(envelope.streamId);
        const type = envelope.type;
        const validate = validators.get(type);
        if (!validate) invalid.push(`${type}: no published schema`);
        else if (!validate(envelope)) invalid.push(`${type}: ${ajv.errorsText(validate.errors)}`);
        seen.set(type, (seen.get(type) ?? 0) + 1);
      },
    });
    try {
      await eventually(
        () =>
          expect([...seen.keys()]).toEqual(
            expect.arrayContaining([
              'OrganizationEstablished',
              'OrganizationRenamed',
              'OrganizationDissolved',
              'LeadershipElected',
              'UnitsCovered',
              'UnitRegistered',
              'BuildingRegistered',
              'OrganizationTransferredToDistrict',
            ]),
          ),
        60_000,
      );
      expect(invalid).toEqual([]);
    } finally {
      await consumer.disconnect();
    }
  });

  it('keeps the committed subgraph schema in step with the code (the gateway test checks the supergraph)', async () => {
    const root = path.resolve(__dirname, '../../..');
    const schemaFile = path.join(tmpdir(), `${uniqueName('sdl')}.graphql`);
    const schemaOnly = await OrganizationsHarness.start({ schemaFile, backgroundWorkers: false });
    await schemaOnly.stop();
    const generated = readFileSync(schemaFile, 'utf8');
    expect(generated).toBe(readFileSync(path.join(root, 'apps/organizations/schema.graphql'), 'utf8'));
  });

  it('parks a timeline event that comes after a gap until the missing one arrives, then applies both in order', async () => {
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    const db = client.db(uniqueName('timeline'));
    try {
      const timeline = new TimelineProjection(views(db), db);
      const stream = streamId('organization', 't-1');
      const envelope = (streamVersion: number, type: string, data: Record<string, unknown>): IntegrationEnvelope => ({
        eventId: `00000000-0000-4000-8000-${String(streamVersion).padStart(12, '0')}`,
        type,
        schemaVersion: 1,
        source: 'organizations',
        streamId: stream,
        streamVersion,
        globalPosition: streamVersion,
        indexInCommit: 0,
        occurredAt: new Date().toISOString(),
        actor: 'test',
        district: 'huangpu',
        correlationId: null,
        causationId: null,
        data: { organizationId: 't-1', ...data },
      });
      const established = envelope(1, 'OrganizationEstablished', {
        name: '甲',
        organizationType: 'Branch',
        parentId: 'c-1',
        region: region('huangpu'),
        buildingId: null,
        establishedOn: '2020-01-01',
        documentNumber: 'd',
      });
      const renamedOnce = envelope(2, 'OrganizationRenamed', {
        name: '乙',
        previousName: '甲',
        effectiveOn: '2021-01-01',
      });
      const renamedTwice = envelope(3, 'OrganizationRenamed', {
        name: '丙',
        previousName: '乙',
        effectiveOn: '2022-01-01',
      });
      const entries = () =>
        db
          .collection<TimelineEntry>('organization_timeline')
          .find({}, { sort: { _id: 1 }, projection: { _id: 1, validTo: 1 } })
          .toArray();
      const head = async () => (await treeViews(db).timelineHeads.findOne({ _id: 't-1' }))?.version;
      const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
      await timeline.handle(established);
      await timeline.handle(renamedTwice); // v2 is missing: parked, not applied, nothing thrown
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${stream} v3 parked`));
      warn.mockRestore();
      expect(await entries()).toEqual([{ _id: 't-1:1', validTo: null }]);
      expect(await head()).toBe(1);
      expect(
        await db.collection<{ _id: string }>('parked_organization_timeline').countDocuments({ _id: `${stream}@3` }),
      ).toBe(1);
      await timeline.handle(renamedOnce); // the missing one: applied, then the parked one after it
      await timeline.handle(renamedOnce); // a redelivery: nothing changes
      expect(await entries()).toEqual([
        { _id: 't-1:1', validTo: '2021-01-01' },
        { _id: 't-1:2', validTo: '2022-01-01' },
        { _id: 't-1:3', validTo: null },
      ]);
      expect(await head()).toBe(3);
      expect(await db.collection('parked_organization_timeline').countDocuments({})).toBe(0);
    } finally {
      await db.dropDatabase();
      await client.close();
    }
  });

  it('rebuilds the same views, lists, children and places from the log (the projection replayed into an empty database)', async () => {
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    const fresh = client.db(uniqueName('orgs-rebuild'));
    try {
      const db = client.db(svc.database);
      // the service's log (as persistence.ts opens it), projected into an empty database
      const store = new MongoEventStore({ db, prefix: 'organizations' });
      await store.init();
      const rebuilt = new OrganizationStateProjection(store, views(fresh), fresh);
      await rebuilt.log.reach(await store.headPosition());
      await rebuilt.log.stop();
      const sorted = (value: unknown): unknown =>
        Array.isArray(value)
          ? value.map(sorted).sort()
          : value && typeof value === 'object' && !(value instanceof Date)
            ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sorted(v)]))
            : value;
      const dump = async (from: Db, name: string) =>
        (await from.collection(name).find({}).toArray())
          .map(sorted)
          .sort((a, b) => String((a as { _id: string })._id).localeCompare(String((b as { _id: string })._id)));
      // the service's own projection may still be applying the last commits: compare until it has
      await eventually(async () => {
        for (const name of [
          'organization_lists',
          'organization_children',
          'organization_places',
          'organization_views',
          'unit_views',
          'building_views',
          'service_point_views',
          'meeting_views',
        ]) {
          const live = await dump(db, name);
          expect(live.length).toBeGreaterThan(0);
          expect({ name, docs: await dump(fresh, name) }).toEqual({ name, docs: live });
        }
      });
    } finally {
      await fresh.dropDatabase();
      await client.close();
    }
  });

  it('serves every read on a hot path by an exact key that a unique index serves (the shapes the service sent)', async () => {
    expect(await unservedQueriesOn(svc.database, ORGANIZATIONS_LIST_READS)).toEqual([]);
  });

  // last: every line the service wrote while the tests above ran
  it('wrote no name of a person the tests named (nor any citizen ID number) to a log line', async () => {
    expect(sent.values.size).toBeGreaterThan(0);
    const { lines, leaks } = await scanServiceLogs(sent.values);
    expect(lines).toBeGreaterThan(50);
    expect(leaks).toEqual([]);
  });
});

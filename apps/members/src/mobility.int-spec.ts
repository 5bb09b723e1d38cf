import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { type Caller } from '@lianjian/auth';
import { MEMBERS_EVENTS, MEMBERS_TOPICS } from '@lianjian/members-contracts';
import {
  PersonalDataSent,
  eventually,
  requireEnv,
  scanServiceLogs,
  testCaller,
  uniqueName,
  unservedQueriesOn,
} from '@lianjian/testing';
import { LIST_READS } from './infrastructure/views';
import { MembersHarness, OrganizationsProcess, citizenId } from './testing/members-harness';

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const XH_COMMUNITY = testCaller('ORGANIZATION_ADMIN', { organizationId: 'xh-comm' });
const ANALYTICS = testCaller('ANALYTICS_READER');

const PHONE = '13955501234';
const ADDRESS = '苏州市工业园区星湖街328号';
const HOST_PHONE = '13955505678';
const SERVICE = '为独居老人上门代购药品';
const COMMENT = '服务热心, 居民满意';

const FLOW_OUT = `id organizationId destination hostName from lastContactOn transferCandidate transferDueOn
  withoutContact contact { phone address revealed }`;
const MOBILITY = `memberId maskedName version member { id lostContactSince organizationId }
  flowOut { ${FLOW_OUT} } flowIn { id hostOrganizationId hostName flowOutId member { id } }
  pastFlowOuts { id ending endedOn }`;
const REGISTRATION = `id memberId organizationId communityId communityName status revokedBy serviceHours
  services { id kind on hours description organizationId } feedback { id rating comment organizationId }
  member { id }`;

interface FlowOutResult {
  id: string;
  organizationId: string;
  transferCandidate: boolean;
  withoutContact: boolean;
  contact: { phone: string | null; address: string | null; revealed: boolean } | null;
}
interface MobilityResult {
  memberId: string;
  member: { id: string; lostContactSince: string | null; organizationId: string } | null;
  flowOut: FlowOutResult | null;
  flowIn: { id: string; hostOrganizationId: string; flowOutId: string | null; member: { id: string } | null } | null;
  pastFlowOuts: Array<{ id: string; ending: string }>;
}
interface RegistrationResult {
  id: string;
  organizationId: string;
  status: string;
  serviceHours: number;
  services: Array<{ kind: string; hours: number; description: string | null; organizationId: string }>;
  feedback: Array<{ rating: string; comment: string | null; organizationId: string }>;
}

/**
 * Mobility (流动党员) and community registration (在职党员到社区报到) on the real services, database and Kafka,
 * through the GraphQL layer: flow-outs with their scope refusals (another district) and the double flow-out refusal,
 * also when two race; lists by branch and district; lost contact from a flow-out without contact; a flow-in by the
 * host's admins; a community registration whose service and feedback reach the member's branch (its list, and Kafka
 * with the branch named); every message valid against its published schema; no clear contact, service text or
 * comment in any raw document or message or log line; every read an exact key.
 */
describe('mobility and community registration', () => {
  const topicPrefix = `${uniqueName('mobility')}.`;
  let orgs: OrganizationsProcess;
  let svc: MembersHarness;
  const member: Record<'out' | 'second' | 'racer' | 'foreign', string> = {
    out: '',
    second: '',
    racer: '',
    foreign: '',
  };
  const sent = new PersonalDataSent();
  [PHONE, ADDRESS, HOST_PHONE, SERVICE, COMMENT].forEach((v) => sent.values.add(v));

  const region = (district: string | null) => ({ district, street: null, community: null });
  let sequence = 400;
  async function register(branch: string, caller: Caller): Promise<string> {
    sequence += 2;
    const r = await svc.ok<{ registerMember: { id: string } }>(
      caller,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
      {
        input: {
          organizationId: branch,
          name: '赵流动',
          idNumber: citizenId('19880101', sequence),
          phone: '13800009999',
          ethnicity: '汉族',
          education: '本科',
          category: 'Employed',
          appliedOn: '2010-01-01',
          joinedOn: '2012-07-01',
          fullMembershipOn: '2013-07-01',
        },
      },
    );
    return r.registerMember.id;
  }
  const mutate = <T = Record<string, unknown>>(
    caller: Caller,
    mutation: string,
    type: string,
    input: Record<string, unknown>,
    fields: string,
  ) =>
    svc.gql<Record<string, T>>(caller, `mutation($input: ${type}!) { ${mutation}(input: $input) { ${fields} } }`, {
      input,
    });
  const registerFlowOut = (caller: Caller, input: Record<string, unknown>) =>
    mutate<MobilityResult>(caller, 'registerFlowOut', 'RegisterFlowOutInput', input, MOBILITY);
  const listOut = async (caller: Caller, args: string) =>
    (
      await svc.ok<{ mobileMembersOut: { edges: Array<{ node: { memberId: string } & FlowOutResult }> } }>(
        caller,
        `{ mobileMembersOut${args ? `(${args})` : ''} { totalCount edges { node { memberId ${FLOW_OUT} } } } }`,
      )
    ).mobileMembersOut.edges.map((e) => e.node);

  beforeAll(async () => {
    [orgs, svc] = await Promise.all([OrganizationsProcess.start(topicPrefix), MembersHarness.start({ topicPrefix })]);
    sent.watch(svc);
    await orgs.establishCityAndHuangpu();
    await orgs.establish({
      organizationId: 'xuhui',
      name: '徐汇区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('xuhui'),
    });
    for (const [organizationId, name, organizationType, parentId, district] of [
      ['hp-b1', '黄浦第一联合党支部', 'JointBranch', 'huangpu', 'huangpu'],
      ['xh-b1', '徐汇第一联合党支部', 'JointBranch', 'xuhui', 'xuhui'],
      ['xh-comm', '徐汇某居民区党总支', 'GeneralBranch', 'xuhui', 'xuhui'],
    ] as const)
      await orgs.establish({ organizationId, name, organizationType, parentId, region: region(district) });
    // the members service learns the tree from the organizations service's events
    member.out = await eventually(() => register('hp-b1', HUANGPU), 60_000);
    member.second = await register('hp-b1', HUANGPU);
    member.racer = await register('hp-b1', HUANGPU);
    member.foreign = await eventually(() => register('xh-b1', XUHUI), 60_000);
    await eventually(async () => {
      const r = await svc.gql(XUHUI, '{ mobileMembersIn(organizationId: "xh-comm") { totalCount } }');
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    }, 60_000);
  }, 300_000);
  afterAll(async () => Promise.all([svc?.stop(), orgs?.stop()]));

  it('registers a flow-out within the scope, sealed, refusing another district and a member already flowing out', async () => {
    const input = {
      memberId: member.out,
      destination: '江苏省苏州市',
      outsideHostName: '苏州工业园区某公司党支部',
      from: '2026-05-01',
      until: '2027-04-30',
      contact: { phone: PHONE, address: ADDRESS },
    };
    const foreign = await registerFlowOut(XUHUI, input);
    expect(foreign.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const wrongInput = await registerFlowOut(HUANGPU, { ...input, from: '2026-02-30' });
    expect(wrongInput.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
    const registered = await registerFlowOut(HUANGPU, input);
    expect(registered.errors).toBeUndefined();
    expect(registered.data!['registerFlowOut']).toMatchObject({
      memberId: member.out,
      member: { id: member.out, organizationId: 'hp-b1', lostContactSince: null }, // the relationship stays
      flowOut: {
        organizationId: 'hp-b1',
        destination: '江苏省苏州市',
        hostName: '苏州工业园区某公司党支部',
        transferCandidate: true, // out since 2026-05-01: six months passed on 2026-11-01
        transferDueOn: '2026-11-01',
        contact: { phone: '139****1234', address: null, revealed: false },
      },
    });
    const again = await registerFlowOut(HUANGPU, { ...input, destination: '浙江省杭州市' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'ALREADY_FLOWING_OUT', field: 'memberId' });
  });

  it('lets one of two racing flow-outs of a member through: the other is refused ALREADY_FLOWING_OUT', async () => {
    const race = await Promise.all(
      ['南京', '杭州', '合肥', '无锡'].map((destination) =>
        registerFlowOut(HUANGPU, { memberId: member.racer, destination, from: '2026-11-01' }),
      ),
    );
    expect(race.filter((r) => !r.errors).length).toBe(1);
    expect(race.flatMap((r) => r.errors ?? []).map((e) => e.extensions?.['code'])).toEqual([
      'ALREADY_FLOWING_OUT',
      'ALREADY_FLOWING_OUT',
      'ALREADY_FLOWING_OUT',
    ]);
  });

  it('lists mobile members out for the branch and the district, within scope, transfer candidates on request', async () => {
    await registerFlowOut(HUANGPU, { memberId: member.second, destination: '上海市外', from: '2026-10-01' });
    const expected = [member.out, member.second, member.racer].sort();
    expect((await listOut(HUANGPU, 'organizationId: "hp-b1"')).map((n) => n.memberId)).toEqual(expected);
    expect((await listOut(HUANGPU, 'district: "huangpu"')).map((n) => n.memberId)).toEqual(expected);
    expect((await listOut(CITY, '')).map((n) => n.memberId)).toEqual(expected);
    expect((await listOut(XUHUI, '')).map((n) => n.memberId)).toEqual([]);
    for (const args of ['district: "huangpu"', 'organizationId: "hp-b1"'])
      expect((await svc.code(XUHUI, `{ mobileMembersOut(${args}) { totalCount } }`)).code).toBe('FORBIDDEN');
    expect(
      (await listOut(HUANGPU, 'organizationId: "hp-b1", transferCandidatesOnly: true')).map((n) => n.memberId),
    ).toEqual([member.out]);
    const self = testCaller('MEMBER', { memberId: member.second, organizationId: 'hp-b1' });
    expect((await listOut(self, '')).map((n) => n.memberId)).toEqual([member.second]);
    // paging by cursor
    const first = await svc.ok<{ mobileMembersOut: { pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      HUANGPU,
      '{ mobileMembersOut(district: "huangpu", first: 2) { pageInfo { endCursor hasNextPage } } }',
    );
    expect(first.mobileMembersOut.pageInfo.hasNextPage).toBe(true);
    const rest = await svc.ok<{ mobileMembersOut: { edges: Array<{ node: { memberId: string } }> } }>(
      HUANGPU,
      `{ mobileMembersOut(district: "huangpu", first: 2, after: "${first.mobileMembersOut.pageInfo.endCursor}") { edges { node { memberId } } } }`,
    );
    expect(rest.mobileMembersOut.edges.map((e) => e.node.memberId)).toEqual([expected[2]]);
  });

  it('reveals a contact to the admins responsible (audited), masked to readers, never in full to analytics', async () => {
    const query = `query($id: ID!, $reveal: Boolean!) { member(id: $id) { mobility { flowOut { contact(reveal: $reveal) { phone address revealed } } } } }`;
    const full = await svc.ok<{ member: { mobility: { flowOut: FlowOutResult } } }>(HUANGPU, query, {
      id: member.out,
      reveal: true,
    });
    expect(full.member.mobility.flowOut.contact).toEqual({ phone: PHONE, address: ADDRESS, revealed: true });
    const audit = await svc.ok<{ personalDataAudit: Array<{ field: string }> }>(
      HUANGPU,
      'query($id: ID!) { personalDataAudit(memberId: $id) { field } }',
      { id: member.out },
    );
    expect(audit.personalDataAudit.map((a) => a.field)).toEqual(['mobilityContact']);
    const masked = await svc.ok<{ member: { mobility: { flowOut: FlowOutResult } } }>(ANALYTICS, query, {
      id: member.out,
      reveal: false,
    });
    expect(masked.member.mobility.flowOut.contact).toEqual({ phone: '139****1234', address: null, revealed: false });
    expect((await svc.code(ANALYTICS, query, { id: member.out, reveal: true })).code).toBe('FORBIDDEN');
  });

  it('marks lost contact from a flow-out without contact for six months, on the member; a contact restores it', async () => {
    const mark = (memberId: string, caller = HUANGPU) =>
      mutate<MobilityResult>(caller, 'markFlowOutLostContact', 'MarkFlowOutLostContactInput', { memberId }, MOBILITY);
    expect((await mark(member.out, XUHUI)).errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect((await mark(member.second)).errors?.[0]?.extensions).toMatchObject({ code: 'FLOW_OUT_CONTACT_RECENT' });
    expect((await listOut(HUANGPU, 'district: "huangpu", withoutContactOnly: true')).map((n) => n.memberId)).toEqual([
      member.out,
    ]);
    const marked = await mark(member.out);
    expect(marked.data!['markFlowOutLostContact']!.member).toMatchObject({ lostContactSince: '2026-05-01' });
    const heard = await mutate<MobilityResult>(
      HUANGPU,
      'recordFlowOutContact',
      'RecordFlowOutContactInput',
      { memberId: member.out, on: '2026-11-20', contact: { phone: HOST_PHONE } },
      MOBILITY,
    );
    expect(heard.errors).toBeUndefined();
    expect(heard.data!['recordFlowOutContact']).toMatchObject({
      member: { lostContactSince: null },
      flowOut: { lastContactOn: '2026-11-20', withoutContact: false, contact: { phone: '139****5678' } },
    });
  });

  it("registers a flow-in by the host's admins, listed on the host's side, the member hidden from it", async () => {
    const input = { memberId: member.out, hostOrganizationId: 'xh-b1', from: '2026-05-03' };
    const fields = `memberId flowIn { id hostOrganizationId flowOutId member { id } } member { id }`;
    const wrongSide = await mutate(HUANGPU, 'registerFlowIn', 'RegisterFlowInInput', input, fields);
    expect(wrongSide.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const registered = await mutate<MobilityResult>(XUHUI, 'registerFlowIn', 'RegisterFlowInInput', input, fields);
    expect(registered.errors).toBeUndefined();
    expect(registered.data!['registerFlowIn']).toMatchObject({
      memberId: member.out,
      member: null, // a Huangpu member: the Xuhui host sees its own record, not the member
      flowIn: { hostOrganizationId: 'xh-b1', member: null },
    });
    expect(registered.data!['registerFlowIn']!.flowIn!.flowOutId).toBeTruthy();
    const listIn = (caller: Caller, args: string) =>
      svc.ok<{ mobileMembersIn: { edges: Array<{ node: { memberId: string; maskedName: string } }> } }>(
        caller,
        `{ mobileMembersIn(${args}) { edges { node { memberId maskedName hostOrganizationId member { id } } } } }`,
      );
    const atHost = await listIn(XUHUI, 'organizationId: "xh-b1"');
    expect(atHost.mobileMembersIn.edges.map((e) => e.node)).toEqual([
      { memberId: member.out, maskedName: '赵*动', hostOrganizationId: 'xh-b1', member: null },
    ]);
    expect((await listIn(HUANGPU, 'district: "huangpu"')).mobileMembersIn.edges).toEqual([]);
    expect((await listIn(XUHUI, 'district: "xuhui"')).mobileMembersIn.edges).toHaveLength(1);
  });

  it("registers a member with their community; the community's service and feedback reach the member's branch", async () => {
    const self = testCaller('MEMBER', { memberId: member.out, organizationId: 'hp-b1' });
    const registration = { memberId: member.out, communityId: 'xh-comm' };
    const since = { ...registration, registeredOn: '2026-11-01' };
    const byOther = await mutate(
      testCaller('MEMBER', { memberId: member.second, organizationId: 'hp-b1' }),
      'registerWithCommunity',
      'RegisterWithCommunityInput',
      registration,
      'id',
    );
    expect(byOther.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const registered = await mutate<RegistrationResult>(
      self,
      'registerWithCommunity',
      'RegisterWithCommunityInput',
      since,
      REGISTRATION,
    );
    expect(registered.errors).toBeUndefined();
    expect(registered.data!['registerWithCommunity']).toMatchObject({
      id: `${member.out}-xh-comm`,
      organizationId: 'hp-b1',
      status: 'Registered',
    });
    const twice = await mutate(HUANGPU, 'registerWithCommunity', 'RegisterWithCommunityInput', registration, 'id');
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'COMMUNITY_ALREADY_REGISTERED', field: 'communityId' });
    const service = { ...registration, kind: 'Volunteering', on: '2026-11-15', hours: 2.5, description: SERVICE };
    const fromBranchSide = await mutate(
      HUANGPU,
      'recordCommunityService',
      'RecordCommunityServiceInput',
      service,
      'id',
    );
    expect(fromBranchSide.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    const badHours = await mutate(
      XH_COMMUNITY,
      'recordCommunityService',
      'RecordCommunityServiceInput',
      {
        ...service,
        hours: 1.25,
      },
      'id',
    );
    expect(badHours.errors?.[0]?.extensions).toMatchObject({ code: 'COMMUNITY_SERVICE_INVALID', field: 'hours' });
    expect(
      (await mutate(XH_COMMUNITY, 'recordCommunityService', 'RecordCommunityServiceInput', service, 'id')).errors,
    ).toBeUndefined();
    const feedback = await mutate<RegistrationResult>(
      XH_COMMUNITY,
      'giveCommunityFeedback',
      'GiveCommunityFeedbackInput',
      { ...registration, rating: 'Excellent', comment: COMMENT, givenOn: '2026-11-20' },
      REGISTRATION,
    );
    expect(feedback.errors).toBeUndefined();
    expect(feedback.data!['giveCommunityFeedback']).toMatchObject({
      services: [{ kind: 'Volunteering', hours: 2.5, description: SERVICE, organizationId: 'hp-b1' }],
      feedback: [{ rating: 'Excellent', comment: COMMENT, organizationId: 'hp-b1' }],
    });
    // the member's branch's list holds the registration with the community's service and feedback
    const atBranch = await svc.ok<{
      communityRegistrations: { totalCount: number; edges: Array<{ node: RegistrationResult }> };
    }>(
      HUANGPU,
      `{ communityRegistrations(organizationId: "hp-b1") { totalCount edges { node { ${REGISTRATION} } } } }`,
    );
    expect(atBranch.communityRegistrations.edges.map((e) => e.node)).toMatchObject([
      {
        organizationId: 'hp-b1',
        serviceHours: 2.5,
        services: [{ description: SERVICE }],
        feedback: [{ rating: 'Excellent', comment: COMMENT, organizationId: 'hp-b1' }],
      },
    ]);
    const inDistrict = await svc.ok<{ communityRegistrations: { totalCount: number } }>(
      HUANGPU,
      '{ communityRegistrations(district: "huangpu") { totalCount } }',
    );
    expect(inDistrict.communityRegistrations.totalCount).toBe(1);
    // the community's list, its side only; analytics readers get the ratings, not the words
    expect((await svc.code(HUANGPU, '{ communityRegistrations(communityId: "xh-comm") { totalCount } }')).code).toBe(
      'FORBIDDEN',
    );
    const atCommunity = await svc.ok<{ communityRegistrations: { edges: Array<{ node: RegistrationResult }> } }>(
      XH_COMMUNITY,
      `{ communityRegistrations(communityId: "xh-comm") { edges { node { ${REGISTRATION} } } } }`,
    );
    expect(atCommunity.communityRegistrations.edges.map((e) => e.node.feedback[0]?.comment)).toEqual([COMMENT]);
    const forAnalytics = await svc.ok<{ communityRegistrations: { edges: Array<{ node: RegistrationResult }> } }>(
      ANALYTICS,
      `{ communityRegistrations(district: "huangpu") { edges { node { ${REGISTRATION} } } } }`,
    );
    expect(forAnalytics.communityRegistrations.edges[0]!.node.feedback).toEqual([
      { id: expect.any(String), rating: 'Excellent', comment: null, organizationId: 'hp-b1' },
    ]);
    // the member sees their own registrations
    const mine = await svc.ok<{ me: { communityRegistrations: Array<{ communityId: string; status: string }> } }>(
      self,
      '{ me { communityRegistrations { communityId status } } }',
    );
    expect(mine.me.communityRegistrations).toEqual([{ communityId: 'xh-comm', status: 'Registered' }]);
  });

  it('publishes every mobility and registration event valid against its schema, the feedback naming the branch, and nothing personal in clear on Kafka or in the database', async () => {
    const root = path.resolve(__dirname, '../../..');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validators = new Map(
      MEMBERS_EVENTS.map((e) => [
        e.type as string,
        ajv.compile(
          JSON.parse(
            readFileSync(path.join(root, `docs/events/schemas/members/${e.type}.v${e.schemaVersion}.json`), 'utf8'),
          ) as object,
        ),
      ]),
    );
    const clear = [PHONE, ADDRESS, HOST_PHONE, SERVICE, COMMENT, '星湖街'];
    const leaked = (all: string) => clear.filter((v) => all.includes(v));
    const kafka = new Kafka({
      clientId: 'mobility-test',
      brokers: requireEnv('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('mobility-raw') });
    const raw: string[] = [];
    const messages: Array<{ topic: string; key: string; type: string; data: Record<string, unknown> }> = [];
    const invalid: string[] = [];
    await consumer.connect();
    for (const topic of [MEMBERS_TOPICS.mobility, MEMBERS_TOPICS.communityRegistration, MEMBERS_TOPICS.member])
      await consumer.subscribe({ topic: `${topicPrefix}${topic}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const text = message.value?.toString('utf8') ?? '';
        raw.push(text, message.key?.toString('utf8') ?? '');
        const envelope = JSON.parse(text) as { type: string; data: Record<string, unknown> };
        messages.push({ topic, key: message.key?.toString('utf8') ?? '', ...envelope });
        const { type } = envelope;
        const validate = validators.get(type);
        if (!validate) invalid.push(`${type}: no published schema`);
        else if (!validate(JSON.parse(text))) invalid.push(`${type}: ${ajv.errorsText(validate.errors)}`);
      },
    });
    try {
      await eventually(async () => {
        const types = new Set(messages.map((m) => m.type));
        const missing = [
          'MemberFlowedOut',
          'FlowOutContactRecorded',
          'MemberFlowedIn',
          'CommunityRegistered',
          'CommunityServiceRecorded',
          'CommunityFeedbackGiven',
          'ContactLost',
          'ContactRestored',
        ].filter((t) => !types.has(t));
        if (missing.length) throw new Error(`not on Kafka yet: ${missing.join(', ')}`);
      }, 60_000);
      expect(invalid).toEqual([]);
      const feedback = messages.find((m) => m.type === 'CommunityFeedbackGiven')!;
      expect(feedback).toMatchObject({
        topic: `${topicPrefix}${MEMBERS_TOPICS.communityRegistration}`,
        key: `community-registration-${member.out}-xh-comm`,
        data: { memberId: member.out, organizationId: 'hp-b1', communityId: 'xh-comm', rating: 'Excellent' },
      });
      expect(String(feedback.data['comment'])).toMatch(/^v1\./);
      const flowOuts = messages.filter((m) => m.type === 'MemberFlowedOut');
      expect(flowOuts.every((m) => m.topic === `${topicPrefix}${MEMBERS_TOPICS.mobility}`)).toBe(true);
      expect(flowOuts.find((m) => m.data['memberId'] === member.out)?.data).toMatchObject({
        destination: '江苏省苏州市', // places and organization names travel in clear…
        hostName: '苏州工业园区某公司党支部',
        contact: expect.stringMatching(/^v1\./), // …contacts sealed to the member's key
      });
      expect(leaked(raw.join('\n'))).toEqual([]);
    } finally {
      await consumer.disconnect();
    }

    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    try {
      const db = client.db(svc.database);
      const dump: string[] = [];
      for (const c of await db.listCollections().toArray())
        dump.push(JSON.stringify(await db.collection(c.name).find({}).toArray()));
      const all = dump.join('\n');
      expect(all).toContain('江苏省苏州市');
      expect(all).toContain(member.out);
      expect(leaked(all)).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('serves every read of mobility and registrations by an exact key that a unique index serves', async () => {
    const ours = /^(mobility_views|community_registration_views|mobility_lists|member_views|member_rosters) /;
    expect((await unservedQueriesOn(svc.database, LIST_READS)).filter((shape) => ours.test(shape))).toEqual([]);
  });

  // last: it reads every line both services wrote while the tests above ran
  it('wrote no contact, service text or comment the tests sent to a log line', async () => {
    const { lines, leaks } = await scanServiceLogs(sent.values);
    expect(lines).toBeGreaterThan(30);
    expect(leaks).toEqual([]);
  });
});

import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { MEMBERS_TOPICS, decodeMembersMessage } from '@lianjian/members-contracts';
import { eventually, requireEnv, testCaller, uniqueName, unservedQueriesOn } from '@lianjian/testing';
import { LIST_READS } from './infrastructure/views';
import { MembersHarness, OrganizationsProcess, citizenId } from './testing/members-harness';

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const JINGAN = testCaller('DISTRICT_ADMIN', { district: 'jingan' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const TRANSFER_FIELDS = `id status scope approvalPath approvedBy nextApproverId memberLanded
  letter { letterNumber issuedOn validUntil } fromOrganization { id } toOrganization { id } fromDistrict toDistrict`;

interface TransferResult {
  id: string;
  status: string;
  scope: string;
  approvalPath: string[];
  approvedBy: string[];
  nextApproverId: string | null;
  memberLanded: boolean;
  letter: { letterNumber: string; issuedOn: string; validUntil: string } | null;
}

/**
 * Transfers (组织关系转接) on the real services, database and Kafka: a cross-district transfer from initiation to
 * landing, with each party acting and seeing what it should; revocation and the one-open-transfer rule; the deadline
 * sweep racing on two instances (each letter expires once) and a renewed letter; `MemberTransferred` read from Kafka
 * by an outside consumer, with its published schema, once per transfer.
 */
describe('transfers of the organizational relationship', () => {
  const topicPrefix = `${uniqueName('transfers')}.`;
  let orgs: OrganizationsProcess;
  let svc: MembersHarness;
  let sequence = 700;

  const region = (district: string | null) => ({ district, street: null, community: null });

  async function register(branch: string, caller = HUANGPU): Promise<string> {
    sequence += 2;
    const r = await svc.ok<{ registerMember: { id: string } }>(
      caller,
      `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
      {
        input: {
          organizationId: branch,
          name: '王建国',
          idNumber: citizenId('19850101', sequence),
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

  const initiate = (caller: typeof CITY, input: Record<string, unknown>) =>
    svc.gql(
      caller,
      `mutation($input: InitiateTransferInput!) { initiateTransfer(input: $input) { ${TRANSFER_FIELDS} } }`,
      {
        input: { reason: '工作调动', letterNumber: `沪组转〔2026〕${sequence}号`, ...input },
      },
    );

  const step = (caller: typeof CITY, mutation: string, input: Record<string, unknown>) =>
    svc.gql(caller, `mutation($input: ${inputOf(mutation)}!) { ${mutation}(input: $input) { ${TRANSFER_FIELDS} } }`, {
      input,
    });

  beforeAll(async () => {
    [orgs, svc] = await Promise.all([OrganizationsProcess.start(topicPrefix), MembersHarness.start({ topicPrefix })]);
    await orgs.establishCityAndHuangpu();
    for (const [id, district] of [
      ['jingan', 'jingan'],
      ['xuhui', 'xuhui'],
    ] as const)
      await orgs.establish({
        organizationId: id,
        name: `${id}区委`,
        organizationType: 'Committee',
        parentId: 'city',
        region: region(district),
      });
    for (const [id, parent] of [
      ['b-hp', 'huangpu'],
      ['b-hp2', 'huangpu'],
      ['b-ja', 'jingan'],
    ] as const)
      await orgs.establish({
        organizationId: id,
        name: `楼宇联合党支部${id}`,
        organizationType: 'JointBranch',
        parentId: parent,
        region: region(parent),
      });
    // each organization's events travel on their own stream (and partition): wait for every branch
    await eventually(async () => {
      for (const id of ['b-hp', 'b-hp2', 'b-ja']) {
        const r = await svc.gql(CITY, `{ members(organizationId: "${id}") { totalCount } }`);
        if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
      }
    }, 120_000);
  }, 300_000);
  afterAll(async () => Promise.all([svc?.stop(), orgs?.stop()]));

  it('moves a member across districts: approvals in order on the path, the letter, acceptance, landing', async () => {
    const memberId = await register('b-hp');
    const started = await initiate(HUANGPU, { memberId, toOrganizationId: 'b-ja' });
    expect(started.errors).toBeUndefined();
    const transfer = (started.data as { initiateTransfer: TransferResult }).initiateTransfer;
    expect(transfer).toMatchObject({
      status: 'AwaitingApproval',
      scope: 'AcrossDistricts',
      approvalPath: ['huangpu', 'city', 'jingan'],
      nextApproverId: 'huangpu',
    });
    const id = { transferId: transfer.id };
    // the receiver's district cannot act before its turn; an unrelated district sees nothing
    expect((await step(JINGAN, 'approveTransfer', id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await svc.gql(XUHUI, `{ transfer(id: "${transfer.id}") { id } }`)).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect((await step(HUANGPU, 'approveTransfer', id)).errors).toBeUndefined();
    // revoking is for before the first approval only
    expect((await step(HUANGPU, 'revokeTransfer', { ...id, reason: '误操作' })).errors?.[0]?.extensions?.code).toBe(
      'TRANSFER_ALREADY_APPROVED',
    );
    expect((await step(JINGAN, 'approveTransfer', id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN'); // the city's turn
    expect((await step(CITY, 'approveTransfer', id)).errors).toBeUndefined();
    const issued = await step(JINGAN, 'approveTransfer', id);
    expect((issued.data as { approveTransfer: TransferResult }).approveTransfer).toMatchObject({
      status: 'LetterIssued',
      approvedBy: ['huangpu', 'city', 'jingan'],
      letter: { issuedOn: '2026-11-22', validUntil: '2027-01-21' },
    });
    // each party sees it; the member sees their own
    for (const caller of [HUANGPU, JINGAN, CITY, testCaller('MEMBER', { memberId, organizationId: 'b-hp' })])
      expect((await svc.gql(caller, `{ transfer(id: "${transfer.id}") { id } }`)).errors).toBeUndefined();
    // the letter: printed by the sender (or the member), opened by the receiver from its code
    const printed = await svc.ok<{ transferLetter: { code: string; pdfBase64: string } }>(
      HUANGPU,
      `{ transferLetter(transferId: "${transfer.id}") { code pdfBase64 } }`,
    );
    expect(Buffer.from(printed.transferLetter.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await svc.gql(XUHUI, `{ transferLetter(transferId: "${transfer.id}") { code } }`)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    const { code } = printed.transferLetter;
    const opened = await svc.ok<{ openTransferLetter: { id: string } }>(
      JINGAN,
      `query($code: String!) { openTransferLetter(code: $code) { id } }`,
      {
        code,
      },
    );
    expect(opened.openTransferLetter.id).toBe(transfer.id);
    const altered = code.slice(0, 10) + (code[10] === 'A' ? 'B' : 'A') + code.slice(11);
    expect(
      (await svc.gql(JINGAN, `query($code: String!) { openTransferLetter(code: $code) { id } }`, { code: altered }))
        .errors?.[0]?.extensions,
    ).toMatchObject({ code: 'TRANSFER_LETTER_FORGED' });
    // the sender cannot accept for the receiver
    expect((await step(HUANGPU, 'acceptTransfer', id)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const accepted = await step(JINGAN, 'acceptTransfer', { ...id, reportedOn: '2026-11-22' });
    expect((accepted.data as { acceptTransfer: TransferResult }).acceptTransfer).toMatchObject({
      status: 'Landed',
      memberLanded: true,
    });
    const member = await svc.ok<{ member: { organizationId: string; transfers: Array<{ id: string }> } }>(
      JINGAN,
      `{ member(id: "${memberId}") { organizationId transfers { id } } }`,
    );
    expect(member.member).toEqual({ organizationId: 'b-ja', transfers: [{ id: transfer.id }] });
    const timeline = await svc.ok<{ memberRelationshipTimeline: Array<Record<string, unknown>> }>(
      CITY,
      `{ memberRelationshipTimeline(memberId: "${memberId}") { organization { id } district from until cause transferId } }`,
    );
    expect(timeline.memberRelationshipTimeline).toEqual([
      {
        organization: { id: 'b-hp' },
        district: 'huangpu',
        from: '2012-07-01',
        until: '2026-11-21',
        cause: 'Registration',
        transferId: null,
      },
      {
        organization: { id: 'b-ja' },
        district: 'jingan',
        from: '2026-11-22',
        until: null,
        cause: 'Transfer',
        transferId: transfer.id,
      },
    ]);
    const past = await svc.ok<{ memberOrganizationOn: { organization: { id: string } } }>(
      CITY,
      `{ memberOrganizationOn(memberId: "${memberId}", date: "2020-01-01") { organization { id } } }`,
    );
    expect(past.memberOrganizationOn.organization.id).toBe('b-hp');
    // Organization.incoming/outgoingTransfers over several organizations (as the gateway asks the subgraph)
    const entities = await svc.ok<{
      _entities: Array<{
        id: string;
        incomingTransfers: { totalCount: number };
        outgoingTransfers: { totalCount: number };
      }>;
    }>(
      CITY,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id
        incomingTransfers(state: Done) { totalCount } outgoingTransfers { totalCount } } } }`,
      { r: ['b-ja', 'b-hp', 'jingan'].map((id) => ({ __typename: 'Organization', id })) },
    );
    expect(entities._entities).toEqual([
      { id: 'b-ja', incomingTransfers: { totalCount: 1 }, outgoingTransfers: { totalCount: 0 } },
      { id: 'b-hp', incomingTransfers: { totalCount: 0 }, outgoingTransfers: { totalCount: 1 } },
      { id: 'jingan', incomingTransfers: { totalCount: 0 }, outgoingTransfers: { totalCount: 0 } },
    ]);
    // an organization outside the caller's scope gets its error, the others their page
    const partly = await svc.gql(
      JINGAN,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id incomingTransfers { totalCount } } } }`,
      { r: ['b-ja', 'b-hp'].map((id) => ({ __typename: 'Organization', id })) },
    );
    expect(partly.errors?.map((e) => [(e as { path?: unknown }).path, e.extensions?.code])).toEqual([
      [['_entities', 1, 'incomingTransfers'], 'FORBIDDEN'],
    ]);
    // the lists of each side
    const incoming = await svc.ok<{ transfers: { totalCount: number } }>(
      JINGAN,
      `{ transfers(district: "jingan", direction: Incoming, state: Done) { totalCount } }`,
    );
    expect(incoming.transfers.totalCount).toBe(1);
    expect(
      (await svc.gql(XUHUI, `{ transfers(district: "jingan", direction: Incoming) { totalCount } }`)).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
  }, 120_000);

  it('lets the sender revoke before the first approval, and keeps one transfer under way per member', async () => {
    const memberId = await register('b-hp');
    const first = (await initiate(HUANGPU, { memberId, toOrganizationId: 'b-hp2' })).data as {
      initiateTransfer: TransferResult;
    };
    expect(first.initiateTransfer).toMatchObject({ scope: 'WithinCommittee', approvalPath: ['huangpu'] });
    const again = await initiate(HUANGPU, { memberId, toOrganizationId: 'b-ja' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'TRANSFER_ALREADY_OPEN', field: 'memberId' });
    const revoked = await step(HUANGPU, 'revokeTransfer', {
      transferId: first.initiateTransfer.id,
      reason: '本人放弃',
    });
    expect((revoked.data as { revokeTransfer: TransferResult }).revokeTransfer.status).toBe('Revoked');
    expect((await initiate(HUANGPU, { memberId, toOrganizationId: 'b-ja' })).errors).toBeUndefined();
    // several initiations for one member at the same moment: one transfer is under way, the others refused
    const racer = await register('b-hp');
    const raced = await Promise.all(
      ['b-ja', 'b-hp2', 'b-ja', 'b-hp2', 'b-ja'].map((to) =>
        initiate(HUANGPU, { memberId: racer, toOrganizationId: to }),
      ),
    );
    expect(raced.filter((r) => !r.errors).length).toBe(1);
    expect(raced.filter((r) => r.errors?.[0]?.extensions?.code === 'TRANSFER_ALREADY_OPEN').length).toBe(4);
  }, 60_000);

  it('ends the relationship out of the city, and creates or revives the member coming into it', async () => {
    const leaving = await register('b-hp');
    const out = (
      (
        await initiate(HUANGPU, {
          memberId: leaving,
          toOrganizationId: null,
          outsideOrganization: '中共某省某市委组织部',
          acrossProvinces: true,
          validityMonths: 6,
        })
      ).data as { initiateTransfer: TransferResult }
    ).initiateTransfer;
    expect(out).toMatchObject({ scope: 'OutOfCity', approvalPath: ['huangpu', 'city'] });
    await step(HUANGPU, 'approveTransfer', { transferId: out.id });
    await step(CITY, 'approveTransfer', { transferId: out.id });
    // the sender records the member's receipt from the organization outside
    const gone = await step(HUANGPU, 'acceptTransfer', { transferId: out.id });
    expect((gone.data as { acceptTransfer: TransferResult }).acceptTransfer.status).toBe('Landed');
    const left = await svc.ok<{ member: { status: string; organizationId: string } }>(
      HUANGPU,
      `{ member(id: "${leaving}") { status organizationId } }`,
    );
    expect(left.member).toEqual({ status: 'TransferredOut', organizationId: 'b-hp' });

    // a member new to the city: the receiving branch registers the incoming letter, the member is created on acceptance
    const incoming = (
      (
        await initiate(JINGAN, {
          intoCity: true,
          toOrganizationId: 'b-ja',
          outsideOrganization: '中共某省委组织部',
          duesPaidUntil: '2026-10',
        })
      ).data as { initiateTransfer: TransferResult & { member: { id: string } } }
    ).initiateTransfer;
    expect(incoming).toMatchObject({ scope: 'IntoCity', approvalPath: ['city', 'jingan'] });
    await step(CITY, 'approveTransfer', { transferId: incoming.id });
    await step(JINGAN, 'approveTransfer', { transferId: incoming.id });
    const refused = await step(JINGAN, 'acceptTransfer', { transferId: incoming.id });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'MEMBER_NOT_FOUND', field: 'incomingMember' });
    sequence += 2;
    const arrived = await svc.gql(
      JINGAN,
      `mutation($input: AcceptTransferInput!) { acceptTransfer(input: $input) { status member { id } } }`,
      {
        input: {
          transferId: incoming.id,
          incomingMember: {
            organizationId: 'b-ja',
            name: '李新来',
            idNumber: citizenId('19900505', sequence),
            ethnicity: '汉族',
            education: '硕士',
            category: 'Employed',
            joinedOn: '2015-07-01',
            fullMembershipOn: '2016-07-01',
          },
        },
      },
    );
    expect(arrived.errors).toBeUndefined();
    const newcomer = (arrived.data as { acceptTransfer: { member: { id: string } } }).acceptTransfer.member.id;
    const timeline = await svc.ok<{ memberRelationshipTimeline: Array<Record<string, unknown>> }>(
      JINGAN,
      `{ memberRelationshipTimeline(memberId: "${newcomer}") { organization { id } cause } }`,
    );
    expect(timeline.memberRelationshipTimeline).toEqual([
      { organization: null, cause: 'Registration' },
      { organization: { id: 'b-ja' }, cause: 'Transfer' },
    ]);

    // the member who left comes back, to Jing'an: revived there
    const back = (
      (
        await initiate(JINGAN, {
          intoCity: true,
          memberId: leaving,
          toOrganizationId: 'b-ja',
          outsideOrganization: '中共某省某市委组织部',
        })
      ).data as { initiateTransfer: TransferResult }
    ).initiateTransfer;
    await step(CITY, 'approveTransfer', { transferId: back.id });
    await step(JINGAN, 'approveTransfer', { transferId: back.id });
    expect((await step(JINGAN, 'acceptTransfer', { transferId: back.id })).errors).toBeUndefined();
    const revived = await svc.ok<{ member: { status: string; organizationId: string } }>(
      JINGAN,
      `{ member(id: "${leaving}") { status organizationId } }`,
    );
    expect(revived.member).toEqual({ status: 'Normal', organizationId: 'b-ja' });
  }, 120_000);

  it('expires each letter past its validity once, with two instances sweeping at the same time; a renewed letter follows', async () => {
    const transfers: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const memberId = await register('b-hp');
      const started = (await initiate(HUANGPU, { memberId, toOrganizationId: 'b-hp2' })).data as {
        initiateTransfer: TransferResult;
      };
      const approved = await step(HUANGPU, 'approveTransfer', { transferId: started.initiateTransfer.id });
      expect((approved.data as { approveTransfer: TransferResult }).approveTransfer.status).toBe('LetterIssued');
      transfers.push(started.initiateTransfer.id);
    }
    const { transferLetter } = await svc.ok<{ transferLetter: { code: string } }>(
      HUANGPU,
      `{ transferLetter(transferId: "${transfers[0]}") { code } }`,
    );
    // two more instances on the same database, two months later, sweeping every 50 ms
    const later = { topicPrefix, database: svc.database, masterKey: svc.masterKey };
    const sweepers = await Promise.all(
      [0, 1].map(() =>
        MembersHarness.start({ ...later, env: { LIANJIAN_TODAY: '2027-01-25', MEMBERS_TRANSFER_SWEEP_MS: '50' } }),
      ),
    );
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    try {
      await client.connect();
      const commits = client.db(svc.database).collection('members_commits');
      await eventually(async () => {
        const expired = await commits.countDocuments({ 'events.type': 'TransferExpired' });
        expect(expired).toBe(transfers.length);
      }, 120_000);
      await new Promise((resolve) => setTimeout(resolve, 500)); // more sweeps, nothing more to expire
      const perTransfer = await commits
        .aggregate<{ _id: string; n: number }>([
          { $unwind: '$events' },
          { $match: { 'events.type': 'TransferExpired' } },
          { $group: { _id: '$streamId', n: { $sum: 1 } } },
        ])
        .toArray();
      expect(perTransfer.map((t) => t.n)).toEqual(transfers.map(() => 1));
      const unreported = await sweepers[0]!.ok<{ transfers: { totalCount: number } }>(
        HUANGPU,
        `{ transfers(organizationId: "b-hp", direction: Outgoing, state: Unreported) { totalCount } }`,
      );
      expect(unreported.transfers.totalCount).toBe(transfers.length);
      const stale = await sweepers[0]!.gql(
        HUANGPU,
        `query($code: String!) { openTransferLetter(code: $code) { id } }`,
        {
          code: transferLetter.code,
        },
      );
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'TRANSFER_LETTER_EXPIRED' });
      expect(stale.errors?.[0]?.message).toContain('2026-12-21');
      const renewed = await sweepers[0]!.gql(
        HUANGPU,
        `mutation($input: RenewTransferLetterInput!) { renewTransferLetter(input: $input) { status letter { issuedOn validUntil } } }`,
        { input: { transferId: transfers[0], letterNumber: '沪组转〔2027〕1号' } },
      );
      expect(renewed.data).toEqual({
        renewTransferLetter: { status: 'LetterIssued', letter: { issuedOn: '2027-01-25', validUntil: '2027-02-24' } },
      });
    } finally {
      await client.close();
      await Promise.all(sweepers.map((s) => s.stop()));
    }
  }, 180_000);

  it('moves members with their organization: a whole organization to another district, a branch merged into another', async () => {
    for (const id of ['b-move', 'b-merge'])
      await orgs.establish({
        organizationId: id,
        name: `楼宇联合党支部${id}`,
        organizationType: 'JointBranch',
        parentId: 'huangpu',
        region: region('huangpu'),
      });
    // each organization's events travel on their own stream (and partition): wait for both, in any order
    await eventually(async () => {
      for (const id of ['b-move', 'b-merge']) {
        const r = await svc.gql(CITY, `{ members(organizationId: "${id}") { totalCount } }`);
        if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
      }
    }, 120_000);
    const moving = await register('b-move');
    const merging = [await register('b-merge'), await register('b-merge')];
    await orgs.ok(
      CITY,
      `mutation($input: TransferOrganizationToDistrictInput!) { transferOrganizationToDistrict(input: $input) { id } }`,
      {
        input: {
          organizationId: 'b-move',
          parentId: 'jingan',
          region: region('jingan'),
          effectiveOn: '2026-11-20',
          documentNumber: '沪委〔2026〕30号',
        },
      },
    );
    await orgs.ok(CITY, `mutation($input: MergeOrganizationInput!) { mergeOrganization(input: $input) { id } }`, {
      input: {
        organizationId: 'b-merge',
        targetId: 'b-hp2',
        effectiveOn: '2026-11-21',
        documentNumber: '黄委〔2026〕31号',
      },
    });
    const timelineOf = async (memberId: string) =>
      (
        await svc.ok<{
          memberRelationshipTimeline: Array<{
            organization: { id: string };
            district: string;
            cause: string;
            from: string;
          }>;
        }>(CITY, `{ memberRelationshipTimeline(memberId: "${memberId}") { organization { id } district cause from } }`)
      ).memberRelationshipTimeline;
    await eventually(async () => {
      expect((await timelineOf(moving)).at(-1)).toEqual({
        organization: { id: 'b-move' },
        district: 'jingan',
        cause: 'OrganizationMoved',
        from: '2026-11-20',
      });
      for (const memberId of merging)
        expect((await timelineOf(memberId)).at(-1)).toEqual({
          organization: { id: 'b-hp2' },
          district: 'huangpu',
          cause: 'OrganizationMerged',
          from: '2026-11-21',
        });
    }, 120_000);
    // Jing'an now holds the moved member; the merged branch's members are on the target's roster
    const jingan = await svc.ok<{ members: { totalCount: number } }>(
      JINGAN,
      `{ members(organizationId: "b-move") { totalCount } }`,
    );
    expect(jingan.members.totalCount).toBe(1);
    const target = await svc.ok<{ members: { edges: Array<{ node: { id: string } }> } }>(
      HUANGPU,
      `{ members(organizationId: "b-hp2") { edges { node { id } } } }`,
    );
    expect(target.members.edges.map((e) => e.node.id)).toEqual(expect.arrayContaining(merging));
    // the organizations service's own count follows the members (MemberTransferred)
    await eventually(async () => {
      const count = async (id: string) =>
        (
          await orgs.ok<{ organization: { memberCounts: { members: number } } }>(
            CITY,
            `{ organization(id: "${id}") { memberCounts { members } } }`,
          )
        ).organization.memberCounts.members;
      expect([await count('b-merge'), await count('b-move')]).toEqual([0, 1]);
    }, 120_000);
  }, 360_000);

  it('publishes MemberTransferred with its documented schema, once per transfer once duplicates are absorbed', async () => {
    const kafka = new Kafka({
      clientId: 'outside',
      brokers: requireEnv('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('analytics') });
    const seen = new Set<string>();
    const perTransfer = new Map<string, number>();
    const landed: Array<Record<string, unknown>> = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${topicPrefix}${MEMBERS_TOPICS.member}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const decoded = decodeMembersMessage(JSON.parse(message.value!.toString('utf8')));
        if (decoded?.type !== 'MemberTransferred' || seen.has(decoded.eventId)) return; // a duplicate, absorbed
        seen.add(decoded.eventId);
        const key = `${decoded.data.cause}/${decoded.data.transferId}/${decoded.data.memberId}`;
        perTransfer.set(key, (perTransfer.get(key) ?? 0) + 1);
        landed.push(decoded.data);
      },
    });
    try {
      // four transfers landed (across districts, out of the city, a newcomer and a revival into it), one member moved
      // with their organization, two with their merged branch: once each
      await eventually(async () => {
        expect([...perTransfer.keys()].map((k) => k.split('/')[0]).sort()).toEqual([
          'OrganizationMerged',
          'OrganizationMerged',
          'OrganizationMoved',
          'Transfer',
          'Transfer',
          'Transfer',
          'Transfer',
        ]);
        expect([...perTransfer.values()].every((n) => n === 1)).toBe(true);
      }, 120_000);
      expect(landed).toContainEqual(
        expect.objectContaining({
          scope: 'AcrossDistricts',
          fromDistrict: 'huangpu',
          toDistrict: 'jingan',
          counted: true,
        }),
      );
      expect(landed).toContainEqual(
        expect.objectContaining({ scope: 'OutOfCity', toOrganizationId: null, counted: false }),
      );
    } finally {
      await consumer.disconnect();
    }
  }, 180_000);

  it('reads by exact keys, or by the transfer lists allowed and indexed on purpose (the shapes the services sent)', async () => {
    expect(await unservedQueriesOn(svc.database, LIST_READS)).toEqual([]);
  });
});

function inputOf(mutation: string): string {
  switch (mutation) {
    case 'approveTransfer':
    case 'resubmitTransfer':
      return 'TransferStepInput';
    case 'acceptTransfer':
      return 'AcceptTransferInput';
    default:
      return 'ReasonedTransferInput';
  }
}

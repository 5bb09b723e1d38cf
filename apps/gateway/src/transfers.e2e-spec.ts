import { randomBytes } from 'node:crypto';
import { type Caller, signUserToken } from '@lianjian/auth';
import {
  ServiceProcess,
  eventually,
  freePort,
  requireEnv,
  scanServiceLogs,
  testCaller,
  uniqueName,
} from '@lianjian/testing';

const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: 'e2e-transfers-user-secret' };
const SUBGRAPH_SECRET = 'e2e-transfers-subgraph-secret';
const TODAY = '2026-11-22';

interface Result<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}
interface TransferSeen {
  id: string;
  status: string;
  scope: string;
  approvalPath: string[];
  approvedBy: string[];
  nextApproverId: string | null;
  memberLanded: boolean;
  fromDistrict: string | null;
  toDistrict: string | null;
  letter: { letterNumber: string; issuedOn: string; validUntil: string } | null;
}
const TRANSFER = `id status scope approvalPath approvedBy nextApproverId memberLanded fromDistrict toDistrict
  letter { letterNumber issuedOn validUntil }`;

/**
 * A transfer of the organizational relationship (组织关系转接, issue 12) across districts, from initiation to landing,
 * through the gateway (Hive Router) over both subgraphs: a member of a Huangpu branch moves to a Jing'an branch. The
 * approval path is huangpu → city → jingan; the sender (Huangpu's district admin), each approver in its turn, the
 * receiver (Jing'an's admin), the member themself and an unrelated district (Xuhui) each see and do what they should;
 * the letter is printed by the sender and opened by the receiver from its code; the member lands in the Jing'an
 * branch, which `Member.transfers`, `Organization.incomingTransfers` (on the organizations service's organization)
 * and the organizations service's member counts show once the events have flowed.
 */
describe('a transfer across districts through the gateway, from initiation to landing', () => {
  const topicPrefix = `${uniqueName('e2etr')}.`;
  let organizations: ServiceProcess;
  let members: ServiceProcess;
  let gateway: ServiceProcess;
  let gatewayUrl: string;

  const CITY = testCaller('CITY_ADMIN');
  const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
  const JINGAN = testCaller('DISTRICT_ADMIN', { district: 'jingan' });
  const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
  const READER = testCaller('ANALYTICS_READER');
  let MEMBER: Caller;

  const NAME = '转接测试党员';
  const ID_NUMBER = (() => {
    // GB 11643: the check digit of the first 17 digits
    const body = '31010119850101357';
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
    return `${body}${'10X98765432'[sum % 11]}`;
  })();
  const REASON = '工作调动至静安区（转接测试）';
  const LETTER_NUMBER = '沪黄组转〔2026〕18号';
  let memberId: string;
  let transferId: string;
  let letterCode: string;

  const tokens = new Map<Caller, string>();
  const call = async <T = Record<string, unknown>>(
    who: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<Result<T>> => {
    if (!tokens.has(who)) tokens.set(who, await signUserToken(who, JWT));
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(who)}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as Result<T>;
  };
  const ok = async <T = Record<string, unknown>>(
    who: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> => {
    const result = await call<T>(who, query, variables);
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
    return result.data as T;
  };
  const codeOf = (result: Result<unknown>) => result.errors?.[0]?.extensions?.['code'];

  const transfer = (who: Caller) =>
    call<{ transfer: TransferSeen | null }>(who, `query($id: ID!) { transfer(id: $id) { ${TRANSFER} } }`, {
      id: transferId,
    });
  const step = (who: Caller, mutation: string, input: Record<string, unknown> = {}) =>
    call<Record<string, TransferSeen>>(
      who,
      `mutation($input: ${inputOf(mutation)}!) { ${mutation}(input: $input) { ${TRANSFER} } }`,
      { input: { transferId, ...input } },
    );
  /** The ids a district's list of transfers shows (or the refusal's code). */
  const listed = async (who: Caller, args: string): Promise<string[] | string> => {
    const result = await call<{ transfers: { edges: Array<{ node: { id: string } }> } }>(
      who,
      `{ transfers(${args}) { edges { node { id } } } }`,
    );
    return result.errors?.length ? String(codeOf(result)) : result.data!.transfers.edges.map((e) => e.node.id);
  };

  beforeAll(async () => {
    const [orgPort, memberPort, gwPort] = await Promise.all([freePort(), freePort(), freePort()]);
    const common = {
      HOST: '127.0.0.1',
      MONGODB_URI: requireEnv('MONGODB_URI'),
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      TOPIC_PREFIX: topicPrefix,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
      LIANJIAN_TODAY: TODAY,
    };
    [organizations, members] = await Promise.all([
      ServiceProcess.start(
        'apps/organizations/src/main.ts',
        { ...common, PORT: String(orgPort), MONGODB_DATABASE: uniqueName('e2etr-o') },
        `http://127.0.0.1:${orgPort}/health`,
      ),
      ServiceProcess.start(
        'apps/members/src/main.ts',
        {
          ...common,
          PORT: String(memberPort),
          MONGODB_DATABASE: uniqueName('e2etr-m'),
          MEMBERS_MASTER_KEY: randomBytes(32).toString('base64'),
        },
        `http://127.0.0.1:${memberPort}/health`,
      ),
    ]);
    gatewayUrl = `http://127.0.0.1:${gwPort}/graphql`;
    gateway = await ServiceProcess.start(
      'apps/gateway/src/main.ts',
      {
        PORT: String(gwPort),
        HOST: '127.0.0.1',
        GATEWAY_MODE: 'development', // the operations below are sent as text
        SUBGRAPH_URL_ORGANIZATIONS: `http://127.0.0.1:${orgPort}/graphql`,
        SUBGRAPH_URL_MEMBERS: `http://127.0.0.1:${memberPort}/graphql`,
        GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
        JWT_SECRET: JWT.secret,
        JWT_ISSUER: JWT.issuer,
        JWT_AUDIENCE: JWT.audience,
      },
      `http://127.0.0.1:${gwPort}/readiness`,
    );

    const establish = (
      organizationId: string,
      name: string,
      type: string,
      parentId: string | null,
      district: string | null,
    ) =>
      ok(CITY, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
        input: {
          organizationId,
          name,
          organizationType: type,
          parentId,
          region: { district, street: null, community: null },
          establishedOn: '2020-01-01',
          documentNumber: '沪委〔2020〕1号',
        },
      });
    await establish('city', '中共示例市委员会', 'Committee', null, null);
    for (const [id, name] of [
      ['huangpu', '黄浦区委'],
      ['jingan', '静安区委'],
      ['xuhui', '徐汇区委'],
    ] as const)
      await establish(id, name, 'Committee', 'city', id);
    for (const [id, name, parent] of [
      ['hp-1', '黄浦楼宇联合党支部', 'huangpu'],
      ['ja-1', '静安楼宇联合党支部', 'jingan'],
      ['xh-1', '徐汇楼宇联合党支部', 'xuhui'],
    ] as const)
      await establish(id, name, 'JointBranch', parent, parent);

    // the members service learns the branches from the organizations' events: register once it knows Huangpu's, and
    // wait until it knows the others (the receiver must be known to it, from its own projection)
    memberId = await eventually(
      async () =>
        (
          await ok<{ registerMember: { id: string } }>(
            HUANGPU,
            `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`,
            {
              input: {
                organizationId: 'hp-1',
                name: NAME,
                idNumber: ID_NUMBER,
                ethnicity: '汉族',
                education: '本科',
                category: 'Employed',
                monthlyIncome: 8000,
                appliedOn: '2010-01-01',
                joinedOn: '2012-07-01',
                fullMembershipOn: '2013-07-01',
              },
            },
          )
        ).registerMember.id,
      90_000,
      300,
    );
    MEMBER = testCaller('MEMBER', { memberId, organizationId: 'hp-1' });
    for (const [who, branch] of [
      [JINGAN, 'ja-1'],
      [XUHUI, 'xh-1'],
    ] as const)
      await eventually(
        async () =>
          expect(codeOf(await call(who, `{ members(organizationId: "${branch}") { totalCount } }`))).toBeUndefined(),
        90_000,
        300,
      );
    // the organizations service counts the member in Huangpu's branch (from the members service's events)
    await eventually(
      async () => {
        const data = await ok<{ organization: { memberCounts: { members: number } } }>(
          CITY,
          '{ organization(id: "hp-1") { memberCounts { members } } }',
        );
        expect(data.organization.memberCounts.members).toBe(1);
      },
      120_000,
      500,
    );
  }, 360_000);

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([members?.stop(), organizations?.stop()]);
  });

  it('is initiated by the sender, on a path through the city fixed at the start, seen by its parties only', async () => {
    // neither the member, the receiver nor an unrelated district starts it
    for (const who of [MEMBER, JINGAN, XUHUI, READER]) {
      const refused = await call(
        who,
        `mutation($input: InitiateTransferInput!) { initiateTransfer(input: $input) { id } }`,
        { input: { memberId, toOrganizationId: 'ja-1', reason: REASON, letterNumber: LETTER_NUMBER } },
      );
      expect(codeOf(refused)).toBe('FORBIDDEN');
    }
    const started = await ok<{ initiateTransfer: TransferSeen }>(
      HUANGPU,
      `mutation($input: InitiateTransferInput!) { initiateTransfer(input: $input) { ${TRANSFER} } }`,
      { input: { memberId, toOrganizationId: 'ja-1', reason: REASON, letterNumber: LETTER_NUMBER } },
    );
    transferId = started.initiateTransfer.id;
    expect(started.initiateTransfer).toMatchObject({
      status: 'AwaitingApproval',
      scope: 'AcrossDistricts',
      approvalPath: ['huangpu', 'city', 'jingan'],
      approvedBy: [],
      nextApproverId: 'huangpu',
      fromDistrict: 'huangpu',
      toDistrict: 'jingan',
      letter: null,
    });

    // the sender, the approvers (the receiver's district among them), the city level and the member see it
    for (const who of [HUANGPU, CITY, JINGAN, READER, MEMBER]) {
      const seen = await transfer(who);
      expect({ who: who.subject, errors: seen.errors, id: seen.data?.transfer?.id }).toEqual({
        who: who.subject,
        errors: undefined,
        id: transferId,
      });
    }
    // an unrelated district: refused the lookup, and the transfer is in none of its lists
    expect(codeOf(await transfer(XUHUI))).toBe('FORBIDDEN');
    for (const direction of ['Incoming', 'Outgoing'])
      expect(await listed(XUHUI, `district: "xuhui", direction: ${direction}`)).toEqual([]);
    expect(await listed(XUHUI, 'organizationId: "xh-1", includeSubtree: true, direction: Incoming')).toEqual([]);
    expect(await listed(XUHUI, 'district: "huangpu", direction: Outgoing')).toBe('FORBIDDEN');
    expect(await listed(XUHUI, 'district: "jingan", direction: Incoming')).toBe('FORBIDDEN');
    // each side's lists
    expect(await listed(HUANGPU, 'district: "huangpu", direction: Outgoing, state: UnderWay')).toEqual([transferId]);
    expect(await listed(HUANGPU, 'organizationId: "hp-1", direction: Outgoing')).toEqual([transferId]);
    expect(await listed(HUANGPU, 'district: "huangpu", direction: Outgoing, state: AwaitingMyApproval')).toEqual([
      transferId,
    ]);
    expect(await listed(JINGAN, 'district: "jingan", direction: Incoming, state: UnderWay')).toEqual([transferId]);
    expect(await listed(JINGAN, 'district: "jingan", direction: Incoming, state: AwaitingMyApproval')).toEqual([]);
    // the member: their own transfer
    const mine = await ok<{ myTransfers: Array<{ id: string; status: string }> }>(
      MEMBER,
      '{ myTransfers { id status } }',
    );
    expect(mine.myTransfers).toEqual([{ id: transferId, status: 'AwaitingApproval' }]);
    // in the branch's lists a member sees only their own transfer; in another branch's, none
    expect(await listed(MEMBER, 'organizationId: "hp-1", direction: Outgoing')).toEqual([transferId]);
    expect(await listed(MEMBER, 'organizationId: "ja-1", direction: Incoming')).toEqual([transferId]);
    expect(await listed(MEMBER, 'organizationId: "xh-1", direction: Outgoing')).toEqual([]);
    expect((await ok<{ myTransfers: unknown[] }>(XUHUI, '{ myTransfers { id } }')).myTransfers).toEqual([]);
  }, 240_000);

  it('is approved by each organization on the path in its turn, by that organization’s admins only', async () => {
    // Huangpu's turn: not the city, not the receiver, not the member, not a reader, not Xuhui
    for (const who of [JINGAN, XUHUI, MEMBER, READER])
      expect({ who: who.subject, code: codeOf(await step(who, 'approveTransfer')) }).toEqual({
        who: who.subject,
        code: 'FORBIDDEN',
      });
    expect(codeOf(await step(XUHUI, 'sendBackTransfer', { reason: '不同意' }))).toBe('FORBIDDEN');
    expect(codeOf(await step(XUHUI, 'revokeTransfer', { reason: '撤回' }))).toBe('FORBIDDEN');
    const first = await step(HUANGPU, 'approveTransfer');
    expect(first.errors).toBeUndefined();
    expect(first.data!['approveTransfer']).toMatchObject({ approvedBy: ['huangpu'], nextApproverId: 'city' });
    // revoking is for before the first approval
    expect(codeOf(await step(HUANGPU, 'revokeTransfer', { reason: '撤回' }))).toBe('TRANSFER_ALREADY_APPROVED');

    // the city's turn: it waits for the city's approval, not Huangpu's or Jing'an's
    expect(await listed(CITY, 'organizationId: "city", direction: Incoming, state: AwaitingMyApproval')).toEqual([
      transferId,
    ]);
    expect(await listed(HUANGPU, 'district: "huangpu", direction: Outgoing, state: AwaitingMyApproval')).toEqual([]);
    for (const who of [HUANGPU, JINGAN, XUHUI, MEMBER])
      expect({ who: who.subject, code: codeOf(await step(who, 'approveTransfer')) }).toEqual({
        who: who.subject,
        code: 'FORBIDDEN',
      });
    const second = await step(CITY, 'approveTransfer');
    expect(second.data!['approveTransfer']).toMatchObject({
      approvedBy: ['huangpu', 'city'],
      nextApproverId: 'jingan',
    });

    // Jing'an's turn
    expect(await listed(JINGAN, 'district: "jingan", direction: Incoming, state: AwaitingMyApproval')).toEqual([
      transferId,
    ]);
    for (const who of [HUANGPU, XUHUI, MEMBER, READER])
      expect({ who: who.subject, code: codeOf(await step(who, 'approveTransfer')) }).toEqual({
        who: who.subject,
        code: 'FORBIDDEN',
      });
    const last = await step(JINGAN, 'approveTransfer');
    expect(last.errors).toBeUndefined();
    expect(last.data!['approveTransfer']).toMatchObject({
      status: 'LetterIssued',
      approvedBy: ['huangpu', 'city', 'jingan'],
      nextApproverId: null,
      letter: { letterNumber: LETTER_NUMBER, issuedOn: TODAY, validUntil: '2027-01-21' }, // two months across districts
    });
    const mine = await ok<{ myTransfers: Array<{ status: string; letter: { validUntil: string } }> }>(
      MEMBER,
      '{ myTransfers { status letter { validUntil } } }',
    );
    expect(mine.myTransfers).toEqual([{ status: 'LetterIssued', letter: { validUntil: '2027-01-21' } }]);
  }, 240_000);

  it('has its letter printed by the sender (or the member) and opened by the receiver from its code', async () => {
    const print = (who: Caller) =>
      call<{ transferLetter: { code: string; pdfBase64: string } }>(
        who,
        `query($id: ID!) { transferLetter(transferId: $id) { code pdfBase64 } }`,
        { id: transferId },
      );
    const printed = await print(HUANGPU);
    expect(printed.errors).toBeUndefined();
    const pdf = Buffer.from(printed.data!.transferLetter.pdfBase64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    letterCode = printed.data!.transferLetter.code;
    // the member prints their own letter: the same code
    const own = await print(MEMBER);
    expect(own.errors).toBeUndefined();
    expect(own.data!.transferLetter.code).toBe(letterCode);
    // the receiver, a reader and an unrelated district print nothing
    for (const who of [JINGAN, READER, XUHUI])
      expect({ who: who.subject, code: codeOf(await print(who)) }).toEqual({ who: who.subject, code: 'FORBIDDEN' });

    const open = (who: Caller, letterCode: string) =>
      call<{ openTransferLetter: TransferSeen }>(
        who,
        `query($code: String!) { openTransferLetter(code: $code) { ${TRANSFER} } }`,
        { code: letterCode },
      );
    const opened = await open(JINGAN, letterCode);
    expect(opened.errors).toBeUndefined();
    expect(opened.data!.openTransferLetter).toMatchObject({
      id: transferId,
      status: 'LetterIssued',
      letter: { letterNumber: LETTER_NUMBER },
    });
    expect(codeOf(await open(XUHUI, letterCode))).toBe('FORBIDDEN');
    const altered = letterCode.slice(0, 10) + (letterCode[10] === 'A' ? 'B' : 'A') + letterCode.slice(11);
    expect((await open(JINGAN, altered)).errors?.[0]?.extensions).toMatchObject({ code: 'TRANSFER_LETTER_FORGED' });
  }, 120_000);

  it('is accepted by the receiver only, and the member lands there', async () => {
    for (const who of [MEMBER, HUANGPU, XUHUI, READER])
      expect({ who: who.subject, code: codeOf(await step(who, 'acceptTransfer')) }).toEqual({
        who: who.subject,
        code: 'FORBIDDEN',
      });
    expect(codeOf(await step(XUHUI, 'rejectTransfer', { reason: '不接收' }))).toBe('FORBIDDEN');
    const accepted = await step(JINGAN, 'acceptTransfer', { reportedOn: TODAY });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!['acceptTransfer']).toMatchObject({ status: 'Landed', memberLanded: true });
    // each party still sees it (done); the unrelated district still does not
    for (const who of [HUANGPU, CITY, JINGAN, MEMBER])
      expect((await transfer(who)).data?.transfer?.status).toBe('Landed');
    expect(codeOf(await transfer(XUHUI))).toBe('FORBIDDEN');
    // acting on it tells an outsider nothing of its state: FORBIDDEN, not "a transfer Landed awaits no approval"
    for (const who of [XUHUI, MEMBER, READER]) {
      expect(codeOf(await step(who, 'approveTransfer'))).toBe('FORBIDDEN');
      expect(codeOf(await step(who, 'sendBackTransfer', { reason: '材料不全' }))).toBe('FORBIDDEN');
    }
    expect(codeOf(await step(HUANGPU, 'approveTransfer'))).toBe('TRANSFER_STATE_NOT_ALLOWED');
    expect(await listed(JINGAN, 'district: "jingan", direction: Incoming, state: Done')).toEqual([transferId]);
    expect(await listed(HUANGPU, 'organizationId: "hp-1", direction: Outgoing, state: Done')).toEqual([transferId]);
    expect(await listed(XUHUI, 'district: "xuhui", direction: Incoming, state: Done')).toEqual([]);
    const mine = await ok<{ myTransfers: Array<{ id: string; status: string }> }>(
      MEMBER,
      '{ myTransfers { id status } }',
    );
    expect(mine.myTransfers).toEqual([{ id: transferId, status: 'Landed' }]);
  }, 120_000);

  it("shows the member in the Jing'an branch across both subgraphs: the member, the branch's transfers and counts", async () => {
    // the member's organization (resolved by the organizations service) and Member.transfers
    const member = await ok<{
      member: { organizationId: string; organization: { id: string; name: string }; transfers: TransferSeen[] };
    }>(
      JINGAN,
      `query($id: ID!) { member(id: $id) { organizationId organization { id name } transfers { ${TRANSFER} } } }`,
      {
        id: memberId,
      },
    );
    expect(member.member).toMatchObject({
      organizationId: 'ja-1',
      organization: { id: 'ja-1', name: '静安楼宇联合党支部' },
    });
    expect(member.member.transfers.map((t) => [t.id, t.status])).toEqual([[transferId, 'Landed']]);
    // the sender's district no longer reads the member; the member reads themself, now in Jing'an
    expect(codeOf(await call(HUANGPU, `query($id: ID!) { member(id: $id) { id } }`, { id: memberId }))).toBe(
      'FORBIDDEN',
    );
    const me = await ok<{ me: { organization: { id: string } } }>(MEMBER, '{ me { organization { id } } }');
    expect(me.me.organization.id).toBe('ja-1');
    const timeline = await ok<{
      memberRelationshipTimeline: Array<{
        organization: { id: string };
        from: string;
        until: string | null;
        cause: string;
      }>;
    }>(
      JINGAN,
      `query($id: ID!) { memberRelationshipTimeline(memberId: $id) { organization { id } from until cause } }`,
      {
        id: memberId,
      },
    );
    expect(timeline.memberRelationshipTimeline).toEqual([
      { organization: { id: 'hp-1' }, from: '2012-07-01', until: '2026-11-21', cause: 'Registration' },
      { organization: { id: 'ja-1' }, from: TODAY, until: null, cause: 'Transfer' },
    ]);

    // Organization.incomingTransfers / outgoingTransfers, added by the members subgraph to the organizations
    // service's organization
    const incoming = await ok<{
      organization: {
        name: string;
        incomingTransfers: {
          totalCount: number;
          edges: Array<{ node: { id: string; status: string; member: { id: string } } }>;
        };
      };
    }>(
      JINGAN,
      '{ organization(id: "ja-1") { name incomingTransfers(state: Done) { totalCount edges { node { id status member { id } } } } } }',
    );
    expect(incoming.organization).toEqual({
      name: '静安楼宇联合党支部',
      incomingTransfers: {
        totalCount: 1,
        edges: [{ node: { id: transferId, status: 'Landed', member: { id: memberId } } }],
      },
    });
    const outgoing = await ok<{ organization: { outgoingTransfers: { edges: Array<{ node: { id: string } }> } } }>(
      HUANGPU,
      '{ organization(id: "hp-1") { outgoingTransfers { edges { node { id } } } } }',
    );
    expect(outgoing.organization.outgoingTransfers.edges.map((e) => e.node.id)).toEqual([transferId]);
    expect(codeOf(await call(XUHUI, '{ organization(id: "ja-1") { incomingTransfers { totalCount } } }'))).toBe(
      'FORBIDDEN',
    );

    // the organizations service counts the member in Jing'an's branch once MemberTransferred has reached it
    await eventually(
      async () => {
        const counts = await ok<{
          ja: { memberCounts: { members: number } };
          hp: { memberCounts: { members: number } };
        }>(
          CITY,
          '{ ja: organization(id: "ja-1") { memberCounts { members } } hp: organization(id: "hp-1") { memberCounts { members } } }',
        );
        expect({ ja: counts.ja.memberCounts.members, hp: counts.hp.memberCounts.members }).toEqual({ ja: 1, hp: 0 });
      },
      180_000,
      500,
    );
    const jingan = await ok<{ organization: { memberCounts: { members: number } } }>(
      JINGAN,
      '{ organization(id: "jingan") { memberCounts(includeSubtree: true) { members } } }',
    );
    expect(jingan.organization.memberCounts.members).toBe(1);
  }, 240_000);

  // last: every line the gateway (its router's included) and both subgraphs wrote while the tests above ran
  it("wrote neither the member's name and ID number nor the transfer's reason to a log line", async () => {
    const { lines, leaks } = await scanServiceLogs([NAME, ID_NUMBER, REASON]);
    expect(lines).toBeGreaterThan(10);
    expect(leaks).toEqual([]);
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

import { MongoClient } from 'mongodb';
import { type Caller } from '@lianjian/auth';
import { PersonalDataSent, eventually, requireEnv, scanServiceLogs, testCaller, uniqueName } from '@lianjian/testing';
import { MembersHarness, OrganizationsProcess, citizenId } from './testing/members-harness';

const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const HEADER =
  '姓名,性别,民族,公民身份号码,手机号码,学历,人员类别,申请入党日期,确定积极分子日期,确定发展对象日期,入党日期,转正日期,党籍状态,所在党组织编号,工作单位编号,月收入,党内职务';
const IMPORT = `mutation($input: ImportMembersInput!) { importMembers(input: $input) { importId status rows imported duplicates failed resumedFromLine runs errors { line field column reason } } }`;

interface Report {
  importId: string;
  status: string;
  rows: number;
  imported: number;
  duplicates: number;
  failed: number;
  resumedFromLine: number | null;
  runs: number;
  errors: Array<{ line: number; field: string | null; column: string | null; reason: string }>;
}

/** A person of the generated files: unique ID numbers from the row number. */
const generatedRow = (i: number, organizationId = 'b-1') => {
  const id = citizenId(`${1960 + Math.floor(i / 450)}0101`, (i % 450) * 2 + 1);
  return `党员${i},男,汉族,${id},,大学,在职,2000-01-01,,,2001-07-01,2002-07-01,正常,${organizationId},,6000,`;
};

describe('bulk import of members from a legacy CSV export', () => {
  const topicPrefix = `${uniqueName('imp')}.`;
  let orgs: OrganizationsProcess;
  let svc: MembersHarness;
  const run = (content: string, fileName = 'export.csv', caller: Caller = HUANGPU) =>
    svc.gql<{ importMembers: Report }>(caller, IMPORT, { input: { fileName, content } });

  beforeAll(async () => {
    [orgs, svc] = await Promise.all([OrganizationsProcess.start(topicPrefix), MembersHarness.start({ topicPrefix })]);
    sent.watch(svc);
    const establish = (
      organizationId: string,
      name: string,
      organizationType: string,
      parentId: string | null,
      district: string | null,
    ) =>
      orgs.ok(CITY, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
        input: {
          organizationId,
          name,
          organizationType,
          parentId,
          region: { district, street: null, community: null },
          establishedOn: '2000-01-01',
          documentNumber: '1号',
        },
      });
    await establish('city', '市委', 'Committee', null, null);
    await establish('huangpu', '黄浦区委', 'Committee', 'city', 'huangpu');
    await establish('xuhui', '徐汇区委', 'Committee', 'city', 'xuhui');
    await establish('b-1', '第一党支部', 'JointBranch', 'huangpu', 'huangpu');
    await establish('xh-1', '徐汇支部', 'JointBranch', 'xuhui', 'xuhui');
    await eventually(async () => {
      const r = await svc.gql(CITY, '{ members(organizationId: "xh-1") { totalCount } }');
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    }, 60_000);
  }, 300_000); // starts the services and waits for Kafka to carry the tree across
  afterAll(async () => Promise.all([svc?.stop(), orgs?.stop()]));
  /** The names, ID numbers and phones of every file imported: no log line may carry one. */
  const sent = new PersonalDataSent();

  it('imports valid rows with their history and reports every invalid row by line, field and reason; a rerun creates nothing', async () => {
    const zhang = citizenId('19800202', 11);
    const wang = citizenId('19900303', 22);
    const bad = citizenId('19850505', 33);
    const csv = [
      `\uFEFF${HEADER}`,
      `张伟,男,汉族,${zhang},13800001111,本科,在职,2008-03-01,2008-09-01,2009-10-01,2010-07-01,2011-07-01,正常,b-1,,8000,支部书记`,
      `王芳,女,回族,${wang},,硕士,学生,2015-03-01,2015-09-01,2016-10-01,2026-07-01,,正常,b-1,,,`,
      `"李,四",男,汉族,${bad.slice(0, 17)}${bad[17] === '1' ? '2' : '1'},,本科,在职,,,,2010-07-01,2011-07-01,正常,b-1,,,`,
      `,男,汉族,${citizenId('19700101', 45)},,本科,火星人,,,,2010/7/1,2011年7月1日,正常,b-1,,,`,
      `赵六,男,汉族,${citizenId('19750101', 55)},,本科,在职,,,,2010-13-01,,正常,b-1,,,`,
      `孙七,男,汉族,${zhang},,本科,在职,,,,2010-07-01,2011-07-01,正常,b-1,,,`,
      `周八,男,汉族,${citizenId('19760101', 65)},,本科,在职,,,,2010-07-01,2011-07-01,正常,nowhere,,,`,
      `吴九,男,汉族,${citizenId('19770101', 75)},,本科,在职,,,,2010-07-01,2011-07-01,正常,xh-1,,,`,
      '',
    ].join('\r\n');
    const first = (await run(csv)).data!.importMembers;
    expect(first).toMatchObject({
      status: 'Completed',
      rows: 8,
      imported: 2,
      duplicates: 0,
      failed: 6,
      resumedFromLine: null,
      runs: 1,
    });
    expect(first.errors).toEqual([
      { line: 4, field: 'idNumber', column: '公民身份号码', reason: 'the check digit does not match (GB 11643)' },
      { line: 5, field: 'name', column: '姓名', reason: '姓名 is required' },
      { line: 5, field: 'category', column: '人员类别', reason: expect.stringContaining('火星人') },
      { line: 6, field: 'joinedOn', column: '入党日期', reason: '入党日期 "2010-13-01" is not a date' },
      { line: 7, field: 'idNumber', column: '公民身份号码', reason: 'the same citizen ID number is on line 2' },
      { line: 8, field: 'organizationId', column: '所在党组织编号', reason: 'no active organization nowhere' },
      { line: 9, field: 'organizationId', column: '所在党组织编号', reason: '徐汇支部 is outside your scope' },
    ]);
    const listed = await svc.ok<{
      members: {
        totalCount: number;
        edges: Array<{
          node: {
            name: string;
            stage: string;
            gender: string;
            joinedOn: string;
            posts: string[];
            stageHistory: Array<{ stage: string; since: string }>;
            dues: { monthlyAmount: number | null };
          };
        }>;
      };
    }>(
      HUANGPU,
      `{ members(organizationId: "b-1") { totalCount edges { node { name stage gender joinedOn posts stageHistory { stage since } dues { monthlyAmount } } } } }`,
    );
    const byName = new Map(listed.members.edges.map((e) => [e.node.name, e.node]));
    expect(byName.get('张伟')).toEqual({
      name: '张伟',
      stage: 'FullMember',
      gender: 'Male',
      joinedOn: '2010-07-01',
      posts: ['支部书记'],
      dues: { monthlyAmount: 120 },
      stageHistory: [
        { stage: 'Applicant', since: '2008-03-01' },
        { stage: 'Activist', since: '2008-09-01' },
        { stage: 'DevelopmentCandidate', since: '2009-10-01' },
        { stage: 'ProbationaryMember', since: '2010-07-01' },
        { stage: 'FullMember', since: '2011-07-01' },
      ],
    });
    expect(byName.get('王芳')).toMatchObject({
      stage: 'ProbationaryMember',
      gender: 'Female',
      dues: { monthlyAmount: 0.2 },
    });

    const again = (await run(csv)).data!.importMembers;
    expect(again).toMatchObject({ importId: first.importId, status: 'Completed', imported: 2, failed: 6, runs: 2 });
    expect(
      (await svc.ok<{ members: { totalCount: number } }>(HUANGPU, '{ members(organizationId: "b-1") { totalCount } }'))
        .members.totalCount,
    ).toBe(listed.members.totalCount);

    // another export that repeats a person already registered: a duplicate, not a second member
    const other = (
      await run(
        [HEADER, `张伟,男,汉族,${zhang},,本科,在职,,,,2010-07-01,2011-07-01,正常,b-1,,,`].join('\n'),
        'other.csv',
      )
    ).data!.importMembers;
    expect(other).toMatchObject({ imported: 0, duplicates: 1, failed: 0 });
  });

  it('refuses a file whose header lacks required columns, naming them', async () => {
    const result = await run('姓名,性别\n张三,男\n');
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'IMPORT_HEADER_INVALID', field: 'content' });
    expect(result.errors?.[0]?.message).toContain('公民身份号码');
  });

  it('reads quoted cells, CRLF and a byte order mark with csv-parse; a row spanning lines keeps its first line; a quote never closed is a line error', async () => {
    const li = citizenId('19750606', 41);
    const zhao = citizenId('19760707', 43);
    const csv = [
      `\uFEFF${HEADER}`,
      `"李,四",男,汉族,${li},,"大学\r\n本科",在职,,,,2010-07-01,2011-07-01,正常,b-1,,,`,
      `赵六,男,汉族,${zhao},,大学,在职,,,,2010-07-01,2011-07-01,正常,b-1,,,`,
      `"never closed,男,汉族,${citizenId('19770808', 45)},,大学,在职,,,,2010-07-01,2011-07-01,正常,b-1,,,`,
    ].join('\r\n');
    const report = (await run(csv, 'quoted.csv')).data!.importMembers;
    expect(report).toMatchObject({ status: 'Completed', imported: 2, failed: 1, duplicates: 0 });
    expect(report.errors).toEqual([
      { line: 5, field: null, column: null, reason: 'the line is not CSV: a quote is opened and never closed' },
    ]);
    const names = await svc.ok<{ members: { edges: Array<{ node: { name: string } }> } }>(
      HUANGPU,
      '{ members(organizationId: "b-1", first: 100) { edges { node { name } } } }',
    );
    expect(names.members.edges.map((e) => e.node.name)).toEqual(expect.arrayContaining(['李,四', '赵六']));
  });

  it('resumes an import interrupted by a crash, without duplicates', async () => {
    const rows = 4000;
    const csv = [HEADER, ...Array.from({ length: rows }, (_, i) => generatedRow(i))].join('\n');
    const client = new MongoClient(requireEnv('MONGODB_URI'));
    await client.connect();
    try {
      const db = client.db(svc.database);
      // a query waits for the service's own writes to reach the read models: then the count is settled
      await svc.ok(CITY, `{ members(organizationId: "b-1") { totalCount } }`);
      const before = await db.collection('member_views').countDocuments({});
      const pending = run(csv, 'big.csv').catch((error: unknown) => error);
      await eventually(
        async () => {
          const job = await db.collection('member_imports').findOne({ fileName: 'big.csv' });
          if (!job || (job['nextLine'] as number) <= 2) throw new Error('no checkpoint yet');
        },
        60_000,
        10,
      );
      svc.process.child.kill('SIGKILL'); // mid-import
      await pending;
      const interrupted = await db.collection('member_imports').findOne({ fileName: 'big.csv' });
      expect(interrupted?.['status']).toBe('Running');

      svc = await MembersHarness.start({ topicPrefix, database: svc.database, masterKey: svc.masterKey });
      sent.watch(svc);
      const resumed = (await run(csv, 'big.csv')).data!.importMembers;
      expect(resumed.errors).toEqual([]);
      expect(resumed.status).toBe('Completed');
      expect(resumed.resumedFromLine).toBe(interrupted?.['nextLine']);
      expect(resumed).toMatchObject({ rows, imported: rows, duplicates: 0, failed: 0, runs: 2 });
      await eventually(
        async () => expect(await db.collection('member_views').countDocuments({})).toBe(before + rows),
        60_000,
      );
      expect(await db.collection('citizen_id_index').countDocuments({ importId: resumed.importId })).toBe(rows);
      // one registration commit per person, across both runs
      expect(await db.collection('members_commits').countDocuments({ correlationId: resumed.importId })).toBe(rows);
    } finally {
      await client.close();
    }
  });

  // last: every line the services wrote while the files above were imported (and a service crashed and resumed)
  it('wrote no name, ID number or phone of the imported files (nor any citizen ID number) to a log line', async () => {
    expect(sent.values.size).toBeGreaterThan(100);
    const { lines, leaks } = await scanServiceLogs(sent.values);
    expect(lines).toBeGreaterThan(20);
    expect(leaks).toEqual([]);
  });
});

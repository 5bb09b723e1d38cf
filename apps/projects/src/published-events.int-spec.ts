import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Kafka, logLevel } from 'kafkajs';
import { PROJECTS_EVENTS, PROJECTS_TOPICS } from '@lianjian/projects-contracts';
import {
  OrganizationsProcess,
  PersonalDataSent,
  eventually,
  requireEnv,
  scanServiceLogs,
  testCaller,
  uniqueName,
} from '@lianjian/testing';
import { establishCoBuildingCity } from './testing/co-building-fixture';
import { ProjectsHarness } from './testing/projects-harness';

const CITY = testCaller('CITY_ADMIN');
const WAITAN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'waitan' });

/**
 * The published contract as an outside consumer sees it: the projects service's flows run on the real services,
 * then every projects topic is read from Kafka with a plain kafkajs consumer of its own group, and every message is
 * checked against the JSON Schema published in `docs/events/schemas/projects/` (what `npm run docs:events`
 * renders), keyed by its stream, with no personal data sent by the test in clear on Kafka or in the service logs.
 */
describe('the projects service’s published events, read as an outside consumer', () => {
  const topicPrefix = `${uniqueName('projects-contract')}.`;
  let orgs: OrganizationsProcess;
  let svc: ProjectsHarness;
  const sent = new PersonalDataSent();
  /** The event types the flows below must have published. */
  const expected = new Set<string>();

  const ok = async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    caller = CITY,
  ): Promise<T> => {
    const result = await svc.gql<T>(caller, query, variables);
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
    return result.data as T;
  };
  const mutate = (name: string, input: Record<string, unknown>, caller = CITY, inputType?: string) =>
    ok(
      `mutation($input: ${inputType ?? `${name[0]!.toUpperCase()}${name.slice(1)}Input`}!) { ${name}(input: $input) { id } }`,
      { input },
      caller,
    );

  beforeAll(async () => {
    orgs = await OrganizationsProcess.start(topicPrefix);
    svc = await ProjectsHarness.start({ topicPrefix });
    sent.watch(svc);
    await establishCoBuildingCity(orgs);
  }, 240_000);
  afterAll(async () => {
    await svc?.stop();
    await orgs?.stop();
  });

  it('runs the councils’ flow', async () => {
    // the projects service learns the street and the units from the organizations service's events
    await eventually(
      () =>
        mutate(
          'conveneCouncil',
          {
            councilId: 'c-waitan',
            name: '外滩街道区域化党建联席会议',
            kind: 'JointConference',
            level: 'Street',
            convenerOrganizationId: 'waitan',
            street: 'waitan',
            convenedOn: '2026-02-01',
          },
          WAITAN,
        ),
      120_000,
    );
    await eventually(
      () =>
        mutate('joinCouncil', {
          councilId: 'c-waitan',
          unitId: 'u-tech',
          representativeMemberId: 'm-rep',
          joinedOn: '2026-02-02',
        }),
      60_000,
    );
    for (const unitId of ['u-bank', 'u-school'])
      await mutate('joinCouncil', { councilId: 'c-waitan', unitId, joinedOn: '2026-02-03' });
    await mutate('fillCommitteeSeat', {
      councilId: 'c-waitan',
      seatId: 'chair',
      title: 'Chair',
      unitId: 'u-tech',
      representativeMemberId: 'm-rep',
      filledOn: '2026-02-05',
    });
    await mutate('changeCouncilRepresentative', {
      councilId: 'c-waitan',
      unitId: 'u-tech',
      representativeMemberId: 'm-rep2',
      changedOn: '2026-02-10',
    });
    await mutate('holdCouncilSession', {
      councilId: 'c-waitan',
      sessionId: 's-1',
      heldOn: '2026-03-01',
      attendingUnitIds: ['u-tech', 'u-bank'],
      resolutions: [{ number: 1, subject: '老旧小区加装电梯项目立项' }],
    });
    await mutate('leaveCouncil', { councilId: 'c-waitan', unitId: 'u-school', leftOn: '2026-04-01' });
    for (const type of [
      'CouncilConvened',
      'MemberUnitJoined',
      'CommitteeSeatFilled',
      'MemberUnitRepresentativeChanged',
      'CommitteeSeatVacated',
      'CouncilSessionHeld',
      'MemberUnitLeft',
    ])
      expected.add(type);
  }, 240_000);

  it('runs the lists’ and pairings’ flow', async () => {
    // a resident's need with contact data (sealed), a wish claimed and served, a need declined; a resource offered
    // and withdrawn; a pairing agreed and ended
    sent.values.add('居民王阿姨');
    await mutate('submitNeed', {
      councilId: 'c-waitan',
      needId: 'n-lift',
      kind: 'Need',
      category: 'PublicServices',
      title: '老旧小区加装电梯',
      description: '老人上下楼困难',
      place: '瑞金二路',
      submitterKind: 'Resident',
      contact: { name: '居民王阿姨', phone: '13912345678' },
      submittedOn: '2026-04-01',
    });
    await mutate('submitNeed', {
      councilId: 'c-waitan',
      needId: 'n-wish',
      kind: 'Wish',
      category: 'SocialValue',
      title: '孩子想要一套画笔',
      description: '微心愿',
      submitterKind: 'Resident',
      submittedOn: '2026-04-01',
    });
    await mutate('submitNeed', {
      councilId: 'c-waitan',
      needId: 'n-declined',
      kind: 'Idea',
      category: 'SharedCommunityCulture',
      title: '建一个露天影院',
      description: '金点子',
      submitterKind: 'OfficeWorker',
      submittedOn: '2026-04-01',
    });
    await mutate('claimWish', { needId: 'n-wish', unitId: 'u-tech', claimedOn: '2026-04-03' });
    await mutate('serveNeed', { needId: 'n-wish', servedOn: '2026-04-10' });
    await mutate('declineNeed', { needId: 'n-declined', reason: '场地不具备条件', declinedOn: '2026-04-05' });
    await mutate('offerResource', {
      councilId: 'c-waitan',
      resourceId: 'r-hall',
      unitId: 'u-bank',
      kind: 'Venue',
      title: '银行多功能厅',
      categories: ['SharedCommunityCulture'],
      quantity: 1,
      measure: '间',
      offeredOn: '2026-04-02',
      availableFrom: '2026-04-02',
    });
    await mutate('withdrawResource', { resourceId: 'r-hall', withdrawnOn: '2026-04-20' });
    await mutate('agreePairing', {
      pairingId: 'p-1',
      councilId: 'c-waitan',
      organizationIds: ['waitan', 'b-tech'],
      commitments: [
        { organizationId: 'waitan', commitment: '提供活动场地' },
        { organizationId: 'b-tech', commitment: '组织志愿服务' },
      ],
      from: '2026-04-01',
      until: '2026-12-31',
    });
    await mutate('endPairing', { pairingId: 'p-1', endedOn: '2026-06-01', reason: '共建目标提前完成' });
    for (const type of [
      'NeedSubmitted',
      'WishClaimed',
      'NeedServed',
      'NeedDeclined',
      'ResourceOffered',
      'ResourceWithdrawn',
      'PairingAgreed',
      'PairingEnded',
    ])
      expected.add(type);
  }, 120_000);

  it('runs a project’s lifecycle to a rating through the public path, and the creative-project selection', async () => {
    await mutate('submitNeed', {
      councilId: 'c-waitan',
      needId: 'n-canteen',
      kind: 'Need',
      category: 'PublicServices',
      title: '社区长者食堂',
      description: '老人吃饭难',
      submitterKind: 'Resident',
      submittedOn: '2026-04-01',
    });
    await mutate('offerResource', {
      councilId: 'c-waitan',
      resourceId: 'r-funds',
      unitId: 'u-tech',
      kind: 'Funds',
      title: '共建资金',
      categories: ['PublicServices'],
      quantity: 100_000,
      measure: '元',
      offeredOn: '2026-04-02',
      availableFrom: '2026-04-02',
    });
    await mutate('proposeProject', {
      councilId: 'c-waitan',
      projectId: 'p-canteen',
      title: '社区长者食堂',
      needIds: ['n-canteen'],
      proposedOn: '2026-04-10',
    });
    await mutate('resolveProject', {
      projectId: 'p-canteen',
      sessionId: 's-1',
      resolution: 1,
      resolvedOn: '2026-04-15',
    });
    await mutate('approveProject', {
      projectId: 'p-canteen',
      approverOrganizationId: 'waitan',
      approvedOn: '2026-04-20',
    });
    await mutate('claimProject', {
      projectId: 'p-canteen',
      unitId: 'u-tech',
      resources: [{ kind: 'Funds', quantity: 50_000, unit: '元' }],
      description: '出资',
      claimedOn: '2026-04-25',
    });
    await mutate('startProject', { projectId: 'p-canteen', startedOn: '2026-05-01' });
    await mutate('recordProjectMilestone', { projectId: 'p-canteen', title: '食堂开业', reachedOn: '2026-05-20' });
    await mutate('recordProjectResourceUse', {
      projectId: 'p-canteen',
      unitId: 'u-tech',
      resourceKind: 'Funds',
      quantity: 20_000,
      usedOn: '2026-05-21',
      resourceId: 'r-funds',
    });
    await mutate('recordProjectSignIn', {
      projectId: 'p-canteen',
      kind: 'Member',
      memberId: 'm-rep2',
      on: '2026-05-22',
    });
    await mutate('recordProjectSignIn', { projectId: 'p-canteen', kind: 'Volunteer', on: '2026-05-22' });
    await mutate('completeProject', { projectId: 'p-canteen', completedOn: '2026-06-30' });
    await mutate('scoreProject', {
      projectId: 'p-canteen',
      scores: [
        { indicator: 'ImplementationPerformance', score: 90 },
        { indicator: 'FundsAndBenefit', score: 85 },
        { indicator: 'ProcessQuality', score: 88 },
      ],
      scoredOn: '2026-07-05',
    });
    const link = await ok<{ projectRatingLink: { code: string } }>(
      'mutation { projectRatingLink(projectId: "p-canteen") { code } }',
    );
    const phone = '13787654321';
    sent.values.add(phone);
    const response = await fetch(`${svc.origin}/public/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: RateProjectInput!) { rateProject(input: $input) { level } }',
        variables: {
          input: {
            link: link.projectRatingLink.code,
            contact: phone,
            level: 'Satisfied',
            comment: `很好，电话${phone}`,
          },
        },
      }),
    });
    expect(await response.json()).toEqual({ data: { rateProject: { level: 'Satisfied' } } });
    await mutate('closeProject', { projectId: 'p-canteen', closedOn: '2026-07-10' });
    await ok(
      'mutation($input: NominateCreativeProjectInput!) { nominateCreativeProject(input: $input) { councilId } }',
      { input: { councilId: 'c-waitan', period: '2026', projectId: 'p-canteen', nominatedOn: '2026-07-11' } },
    );
    await ok('mutation($input: VoteCreativeProjectInput!) { voteCreativeProject(input: $input) { councilId } }', {
      input: { councilId: 'c-waitan', period: '2026', unitId: 'u-tech', projectId: 'p-canteen', votedOn: '2026-07-12' },
    });
    await ok('mutation($input: SelectCreativeProjectInput!) { selectCreativeProject(input: $input) { councilId } }', {
      input: { councilId: 'c-waitan', period: '2026', selectedOn: '2026-07-13' },
    });
    for (const type of [
      'NeedTakenUp',
      'ResourceCommitted',
      'ProjectProposed',
      'ProjectResolved',
      'ProjectApproved',
      'ProjectClaimed',
      'ProjectStarted',
      'MilestoneReached',
      'ProjectResourceUsed',
      'ProjectSignedIn',
      'ProjectCompleted',
      'ProjectScored',
      'ProjectRated',
      'ProjectClosed',
      'CreativeProjectNominated',
      'CreativeProjectVoteCast',
      'CreativeProjectSelected',
    ])
      expected.add(type);
  }, 120_000);

  it('publishes every message valid against its published schema, keyed by its stream, nothing personal in clear', async () => {
    const root = path.resolve(__dirname, '../../..');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validators = new Map(
      PROJECTS_EVENTS.map((e) => [
        e.type as string,
        ajv.compile(
          JSON.parse(
            readFileSync(path.join(root, `docs/events/schemas/projects/${e.type}.v${e.schemaVersion}.json`), 'utf8'),
          ) as object,
        ),
      ]),
    );
    const kafka = new Kafka({
      clientId: 'projects-contract-test',
      brokers: requireEnv('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('projects-outside-consumer') });
    const raw: string[] = [];
    const messages: Array<{ topic: string; key: string; type: string }> = [];
    const invalid: string[] = [];
    await consumer.connect();
    const admin = kafka.admin();
    await admin.connect();
    const existing = new Set(await admin.listTopics());
    await admin.disconnect();
    for (const topic of Object.values(PROJECTS_TOPICS))
      if (existing.has(`${topicPrefix}${topic}`))
        await consumer.subscribe({ topic: `${topicPrefix}${topic}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const text = message.value?.toString('utf8') ?? '';
        const key = message.key?.toString('utf8') ?? '';
        raw.push(text, key, ...(message.headers ? Object.values(message.headers).map(String) : []));
        const envelope = JSON.parse(text) as { type: string; stream?: string };
        messages.push({ topic: topic.slice(topicPrefix.length), key, type: envelope.type });
        const validate = validators.get(envelope.type);
        if (!validate) invalid.push(`${envelope.type}: no published schema`);
        else if (!validate(JSON.parse(text))) invalid.push(`${envelope.type}: ${ajv.errorsText(validate.errors)}`);
      },
    });
    try {
      await eventually(async () => {
        const types = new Set(messages.map((m) => m.type));
        const missing = [...expected].filter((t) => !types.has(t));
        if (missing.length) throw new Error(`not on Kafka yet: ${missing.join(', ')}`);
      }, 90_000);
      expect(invalid).toEqual([]);
      // each message on its category's topic, keyed by its stream (a council's events under `council-<id>`)
      const misplaced = messages.filter((m) => {
        const category = Object.entries(PROJECTS_TOPICS).find(([, t]) => t === m.topic)?.[0];
        return !category || !m.key.startsWith(`${category}-`);
      });
      expect(misplaced).toEqual([]);
      expect(messages.filter((m) => m.type === 'CouncilConvened').map((m) => m.key)).toEqual(['council-c-waitan']);
      // nothing the test sent as personal data, in clear, on Kafka or in the logs
      // (a need's decline and a pairing's end carry their reason by contract: the council's words, not a person's)
      const published = new Set(['场地不具备条件', '共建目标提前完成']);
      const values = [...sent.values].filter((v) => !published.has(v));
      const all = raw.join('\n');
      expect(values.filter((v) => all.includes(v))).toEqual([]);
      const scan = await scanServiceLogs(values);
      expect(scan.lines).toBeGreaterThan(0);
      expect(scan.leaks).toEqual([]);
    } finally {
      await consumer.disconnect();
    }
  }, 180_000);
});

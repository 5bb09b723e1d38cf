import { randomUUID } from 'node:crypto';
import { exampleMessage } from '@lianjian/contracts';
import { type IntegrationEnvelope, envelopeHeaders } from '@lianjian/messaging';
import { ORGANIZATIONS_EVENTS, ORGANIZATIONS_TOPICS, streamId } from '@lianjian/organizations-contracts';
import { PROJECTS_EVENTS, PROJECTS_TOPICS, projectsStreamId } from '@lianjian/projects-contracts';
import { type Caller } from '@lianjian/auth';
import { eventually, testKafka, uniqueName, unservedQueriesOn } from '@lianjian/testing';
import { type Producer } from 'kafkajs';
import { LIST_READS } from './infrastructure/views';
import { MembersHarness, citizenId } from './testing/members-harness';

const HUANGPU: Caller = {
  subject: 'district_admin-1',
  role: 'DISTRICT_ADMIN',
  district: 'huangpu',
  organizationId: null,
  memberId: null,
};
const OTHER_DISTRICT: Caller = { ...HUANGPU, subject: 'district_admin-2', district: 'jingan' };
const BRANCH = 'b-sign-ins';
const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }`;
const ACTIVITY = `query($id: ID!) { member(id: $id) { id projectActivity { signIns lastSignInOn } } }`;
const LIST = `query($org: ID!) { members(organizationId: $org) { edges { node { id projectActivity { signIns lastSignInOn } } } } }`;

// Sign-ins of party members at co-building projects reach the members service as the projects service's
// ProjectSignedIn events on its project topic (issue 13 §3), for the yearly appraisal: produced here as the projects
// service's relay produces them (the envelope, keyed by the project's stream, with its headers), through the members
// service's Nest handler on our Kafka transport. A redelivery counts once; a volunteer's sign-in and the topic's
// other events leave members alone.
describe("members service: members' sign-ins at co-building projects (the projects service's events)", () => {
  const topicPrefix = `${uniqueName('mps')}.`;
  const kafka = testKafka('project-sign-ins-int-spec');
  let svc: MembersHarness;
  let producer: Producer;

  /** An envelope of the projects service as its relay publishes it: the project's stream is the key. */
  const projectEvent = (type: string, data: Record<string, unknown>, eventId: string = randomUUID()) => {
    const definition = PROJECTS_EVENTS.find((m) => m.type === type)!;
    const example = exampleMessage(definition, 'projects') as unknown as IntegrationEnvelope;
    const merged = { ...example.data, ...data };
    const envelope: IntegrationEnvelope = {
      ...example,
      eventId,
      streamId: projectsStreamId('project', merged['projectId'] as string),
      data: merged,
    };
    return { key: envelope.streamId, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) };
  };
  const signedIn = (projectId: string, signInId: string, memberId: string | null, on: string, eventId?: string) =>
    projectEvent(
      'ProjectSignedIn',
      { projectId, signInId, kind: memberId ? 'Member' : 'Volunteer', memberId, on },
      eventId,
    );
  const publish = (...messages: Array<ReturnType<typeof projectEvent>>) =>
    producer.send({ topic: `${topicPrefix}${PROJECTS_TOPICS.project}`, messages });
  const activity = async (caller: Caller, id: string) => {
    const r = await svc.gql<{ member: { projectActivity: { signIns: number; lastSignInOn: string | null } } | null }>(
      caller,
      ACTIVITY,
      { id },
    );
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data!.member?.projectActivity ?? null;
  };

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [ORGANIZATIONS_TOPICS.organization, ORGANIZATIONS_TOPICS.meeting, PROJECTS_TOPICS.project].map((t) => ({
        topic: `${topicPrefix}${t}`,
        numPartitions: 6,
      })),
    });
    await admin.disconnect();
    svc = await MembersHarness.start({ topicPrefix });
    producer = kafka.producer();
    await producer.connect();
    // the branch the members are registered in, as the organizations service publishes it
    const established = ORGANIZATIONS_EVENTS.find((m) => m.type === 'OrganizationEstablished')!;
    const example = exampleMessage(established, 'organizations') as unknown as IntegrationEnvelope;
    const envelope: IntegrationEnvelope = {
      ...example,
      eventId: randomUUID(),
      streamId: streamId('organization', BRANCH),
      data: { ...example.data, organizationId: BRANCH, parentId: null },
    };
    await producer.send({
      topic: `${topicPrefix}${ORGANIZATIONS_TOPICS.organization}`,
      messages: [{ key: envelope.streamId, value: JSON.stringify(envelope), headers: envelopeHeaders(envelope) }],
    });
  }, 120_000);
  afterAll(async () => {
    await producer?.disconnect();
    await svc?.stop();
  });

  it("counts each member's sign-in once (a redelivery too), takes no volunteer's, and shows it on the member", async () => {
    const register = async (sequence: number) => {
      let id = '';
      await eventually(async () => {
        const r = await svc.gql<{ registerMember: { id: string } }>(HUANGPU, REGISTER, {
          input: {
            organizationId: BRANCH,
            name: '党员',
            ethnicity: '汉族',
            education: '本科',
            category: 'Employed',
            idNumber: citizenId('19900101', sequence),
            appliedOn: '2010-01-01',
            joinedOn: '2012-07-01',
            fullMembershipOn: '2013-07-01',
          },
        });
        if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
        id = r.data!.registerMember.id;
      }, 60_000);
      return id;
    };
    const first = await register(101);
    const second = await register(103);
    const without = await register(105);
    expect(await activity(HUANGPU, first)).toEqual({ signIns: 0, lastSignInOn: null });

    const redelivered = signedIn('p-garden', 'si-1', first, '2026-05-10');
    await publish(
      redelivered,
      signedIn('p-garden', 'si-2', second, '2026-05-10'),
      signedIn('p-garden', 'si-3', null, '2026-05-10'), // a volunteer: nothing personal, not a member's
      projectEvent('ProjectStarted', { projectId: 'p-garden' }), // the topic's other events: not the members service's
      redelivered, // the relay's at-least-once: the same event again
      signedIn('p-library', 'si-1', first, '2026-04-02'), // another project, the same sign-in id, an earlier day
    );
    await eventually(async () => {
      expect(await activity(HUANGPU, first)).toEqual({ signIns: 2, lastSignInOn: '2026-05-10' });
      expect(await activity(HUANGPU, second)).toEqual({ signIns: 1, lastSignInOn: '2026-05-10' });
    }, 60_000);

    // a redelivery long after, then a new sign-in behind it on the same partition (the project's key)
    await publish(redelivered, signedIn('p-garden', 'si-4', second, '2026-06-01'));
    await eventually(
      async () => expect(await activity(HUANGPU, second)).toEqual({ signIns: 2, lastSignInOn: '2026-06-01' }),
      60_000,
    );
    expect(await activity(HUANGPU, first)).toEqual({ signIns: 2, lastSignInOn: '2026-05-10' });
    expect(await activity(HUANGPU, without)).toEqual({ signIns: 0, lastSignInOn: null });

    // the members of a page, batched; visible to whoever may read the member, and no further
    const list = await svc.gql<{
      members: { edges: Array<{ node: { id: string; projectActivity: { signIns: number } } }> };
    }>(HUANGPU, LIST, { org: BRANCH });
    expect(list.errors).toBeUndefined();
    expect(
      Object.fromEntries(list.data!.members.edges.map(({ node }) => [node.id, node.projectActivity.signIns])),
    ).toEqual({
      [first]: 2,
      [second]: 2,
      [without]: 0,
    });
    expect((await svc.code(OTHER_DISTRICT, ACTIVITY, { id: first })).code).toBe('FORBIDDEN');

    expect(await unservedQueriesOn(svc.database, LIST_READS)).toEqual([]);
  }, 180_000);
});

import { randomUUID } from 'node:crypto';
import { exampleMessage } from '@lianjian/contracts';
import { DLQ_HEADERS, headerText } from '@lianjian/messaging';
import { ORGANIZATIONS_EVENTS, ORGANIZATIONS_TOPICS, streamId } from '@lianjian/organizations-contracts';
import { type Caller } from '@lianjian/auth';
import { eventually, testKafka, uniqueName } from '@lianjian/testing';
import { type KafkaMessage } from 'kafkajs';
import { MembersHarness } from './testing/members-harness';

const CITY: Caller = { subject: 'city-1', role: 'CITY_ADMIN', district: null, organizationId: null, memberId: null };

// The members service decodes the organizations service's events with their published schemas, through its Nest
// handlers and our Kafka transport: an event that fails them is dead-lettered at once as `invalid` (ADR 0014, 0016)
// and the partition goes on; a valid event behind it is projected.
describe('members service consuming organizations events that fail their published schema', () => {
  const topicPrefix = `${uniqueName('mc')}.`;
  const kafka = testKafka('consumers-int-spec');
  let svc: MembersHarness;

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [ORGANIZATIONS_TOPICS.organization, ORGANIZATIONS_TOPICS.meeting].map((t) => ({
        topic: `${topicPrefix}${t}`,
        numPartitions: 6,
      })),
    });
    await admin.disconnect();
    svc = await MembersHarness.start({ topicPrefix });
  }, 120_000);
  afterAll(async () => svc?.stop());

  it('dead-letters them as invalid, names the field but no value, and projects the valid event behind them', async () => {
    const message = (
      type: string,
      id: string,
      change: (data: Record<string, unknown>) => Record<string, unknown> = (d) => d,
    ) => {
      const definition = ORGANIZATIONS_EVENTS.find((m) => m.type === type)!;
      const example = exampleMessage(definition, 'organizations') as { data: Record<string, unknown> };
      const category = definition.topic === ORGANIZATIONS_TOPICS.meeting ? 'meeting' : 'organization';
      const envelope = {
        ...example,
        eventId: randomUUID(),
        streamId: streamId(category, id),
        data: change({ ...example.data, [`${category}Id`]: id }),
      };
      return {
        topic: `${topicPrefix}${definition.topic}`,
        messages: [{ key: envelope.streamId, value: JSON.stringify(envelope), headers: { 'event-type': type } }],
      };
    };
    const producer = kafka.producer();
    await producer.connect();
    await producer.send(
      message('OrganizationEstablished', 'bad-1', (d) => ({ ...d, organizationType: 'SecretSociety' })),
    );
    await producer.send(message('MeetingRecorded', 'mt-bad', (d) => ({ ...d, attendeeIds: '张三, 李四' })));
    await producer.send(
      message('OrganizationEstablished', 'ok-1', (d) => ({
        ...d,
        parentId: null,
        region: { district: 'huangpu', street: null, community: null },
      })),
    );
    await producer.disconnect();

    // the valid organization reaches the directory: the partition did not stop at the invalid one
    await eventually(async () => {
      const r = await svc.gql(CITY, '{ members(organizationId: "ok-1") { totalCount } }');
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    }, 60_000);
    expect((await svc.code(CITY, '{ members(organizationId: "bad-1") { totalCount } }')).code).toBe(
      'ORGANIZATION_NOT_FOUND',
    );

    const dlqTopic = `${topicPrefix}lianjian.members.projections.dlq`;
    const dead: KafkaMessage[] = [];
    const reader = kafka.consumer({ groupId: uniqueName('dlq-reader') });
    await reader.connect();
    await reader.subscribe({ topic: dlqTopic, fromBeginning: true });
    await reader.run({ eachMessage: async ({ message }) => void dead.push(message) });
    try {
      await eventually(() => expect(dead).toHaveLength(2), 60_000);
      const letters = dead
        .map((m) => ({
          topic: headerText(m.headers, DLQ_HEADERS.originalTopic),
          reason: headerText(m.headers, DLQ_HEADERS.reason),
          error: headerText(m.headers, DLQ_HEADERS.error),
        }))
        .sort((a, b) => a.topic!.localeCompare(b.topic!));
      expect(letters).toEqual([
        {
          topic: `${topicPrefix}${ORGANIZATIONS_TOPICS.meeting}`,
          reason: 'invalid',
          error: expect.stringMatching(/MeetingRecorded v2 fails its schema: message\/data\/attendeeIds must be array/),
        },
        {
          topic: `${topicPrefix}${ORGANIZATIONS_TOPICS.organization}`,
          reason: 'invalid',
          error: expect.stringMatching(
            /OrganizationEstablished v1 fails its schema: message\/data\/organizationType must be equal to one of the allowed values/,
          ),
        },
      ]);
      expect(letters.map((l) => l.error).join()).not.toMatch(/SecretSociety|张三/);
    } finally {
      await reader.disconnect();
    }
  }, 180_000);
});

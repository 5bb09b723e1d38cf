import { type Db } from 'mongodb';
import { exampleMessage } from '@lianjian/contracts';
import { MEMBERS_EVENTS, memberStreamId } from '@lianjian/members-contracts';
import { type IntegrationEnvelope, isPoisonMessage } from '@lianjian/messaging';
import { MemberFactsProjection } from './member-facts.projection';
import { type MemberFactView, type Views } from './views';

/** The few collection operations the projection uses, kept in memory (the integration suites prove the real ones). */
function memoryCollection() {
  const docs = new Map<string, Record<string, unknown>>();
  return {
    docs,
    findOne: (filter: { _id: string }) => Promise.resolve(docs.get(filter._id) ?? null),
    replaceOne: (filter: { _id: string }, doc: Record<string, unknown>) => {
      docs.set(filter._id, { ...doc, _id: filter._id });
      return Promise.resolve({});
    },
    deleteOne: (filter: { _id: string }) => Promise.resolve(docs.delete(filter._id)),
    bulkWrite: () => Promise.resolve({}),
  };
}

describe('member facts from the members service', () => {
  const setup = () => {
    const collections = new Map<string, ReturnType<typeof memoryCollection>>();
    const collection = (name: string) => collections.get(name) ?? collections.set(name, memoryCollection()).get(name)!;
    const db = { collection } as unknown as Db;
    const views = {
      memberFacts: collection('member_facts'),
      memberRosters: collection('member_rosters'),
    } as unknown as Views;
    return {
      projection: new MemberFactsProjection(views, db),
      facts: collection('member_facts').docs as unknown as Map<string, Partial<MemberFactView>>,
    };
  };
  let version = 0;
  const message = (type: string, data: Record<string, unknown> = {}): IntegrationEnvelope => {
    const definition = MEMBERS_EVENTS.find((m) => m.type === type)!;
    const example = exampleMessage(definition, 'members') as unknown as IntegrationEnvelope;
    return {
      ...example,
      streamId: memberStreamId('8000000000000001'),
      streamVersion: (version += 1),
      data: { ...example.data, ...data },
    };
  };
  beforeEach(() => {
    version = 0;
  });

  it('takes whether a member is counted from the fact the members service publishes, not from a rule of its own', async () => {
    const { projection, facts } = setup();
    await projection.handle(message('MemberRegistered', { stage: 'FullMember', status: 'Normal' }));
    expect(facts.get('8000000000000001')).toMatchObject({
      organizationId: 'b-1',
      stage: 'FullMember',
      status: 'Normal',
      counted: false,
      version: 1,
    });
    await projection.handle(message('MemberCountChanged', { counted: true }));
    expect(facts.get('8000000000000001')).toMatchObject({ counted: true, version: 2 });
    // a status change alone changes the status; whether that ends the count is the members service's to say
    await projection.handle(message('MembershipStatusChanged', { status: 'Expelled', previousStatus: 'Normal' }));
    expect(facts.get('8000000000000001')).toMatchObject({ status: 'Expelled', counted: true, version: 3 });
    await projection.handle(message('MemberCountChanged', { counted: false }));
    expect(facts.get('8000000000000001')).toMatchObject({ status: 'Expelled', counted: false, version: 4 });
    // an event that changes no fact, and a type published after this version, still move the version on
    await projection.handle(message('DuesBilled'));
    await projection.handle({
      ...message('DuesBilled'),
      type: 'MemberCommended',
      data: { memberId: '8000000000000001', organizationId: 'b-1' },
    });
    expect(facts.get('8000000000000001')).toMatchObject({ counted: false, version: 6 });
  });

  it('refuses a message that fails the published schema as poison (invalid), before it reaches the read model', async () => {
    const { projection, facts } = setup();
    const invalid = message('MemberRegistered', { stage: 'Leader' });
    const error = await projection.handle(invalid).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isPoisonMessage(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'invalid',
      message: expect.stringMatching(
        /^MemberRegistered v1 fails its schema: message\/data\/stage must be equal to one of the allowed values/,
      ),
    });
    const plainIdNumber = message('MemberRegistered', {
      protectedData: { keyId: 'k', idNumber: '310101199001011234', phone: null },
    });
    const refused = await projection.handle(plainIdNumber).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ reason: 'invalid' });
    expect(String((refused as Error).message)).not.toContain('310101199001011234');
    expect(facts.size).toBe(0);
  });
});

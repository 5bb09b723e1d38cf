import { type Db } from 'mongodb';
import { exampleMessage } from '@lianjian/contracts';
import { MEMBERS_EVENTS, memberStreamId } from '@lianjian/members-contracts';
import { type IntegrationEnvelope, isPoisonMessage } from '@lianjian/messaging';
import { MemberFactsProjection } from './member-facts.projection';
import { type MemberFactView, type Views } from './views';

type Doc = Record<string, unknown> & { _id: string };
type Update = { $set?: Record<string, unknown>; $unset?: Record<string, unknown> };
type Op =
  | { replaceOne: { filter: { _id: string }; replacement: Doc } }
  | { updateOne: { filter: { _id: string }; update: Update } };

/** The few collection operations the projection uses, kept in memory (the integration suites prove the real ones). */
function memoryCollection() {
  const docs = new Map<string, Doc>();
  const writes: number[] = [];
  const apply = (op: Op) => {
    if ('replaceOne' in op) return void docs.set(op.replaceOne.filter._id, { ...op.replaceOne.replacement });
    const { filter, update } = op.updateOne;
    const doc = docs.get(filter._id) ?? { _id: filter._id };
    for (const [field, value] of Object.entries(update.$set ?? {})) {
      const [outer, inner] = field.split('.') as [string, string];
      doc[outer] = { ...(doc[outer] as object), [inner]: value };
    }
    for (const field of Object.keys(update.$unset ?? {})) {
      const [outer, inner] = field.split('.') as [string, string];
      const { [inner]: _dropped, ...rest } = (doc[outer] ?? {}) as Record<string, unknown>;
      doc[outer] = rest;
    }
    docs.set(filter._id, doc);
  };
  return {
    docs,
    writes,
    find: (filter: { _id: { $in: string[] } }) => ({
      toArray: () => Promise.resolve(filter._id.$in.flatMap((id) => (docs.has(id) ? [docs.get(id)!] : []))),
    }),
    bulkWrite: (ops: Op[]) => {
      writes.push(ops.length);
      ops.forEach(apply);
      return Promise.resolve({});
    },
    deleteMany: (filter: { _id: { $in: string[] } }) =>
      Promise.resolve(filter._id.$in.forEach((id) => docs.delete(id))),
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
      rosters: collection('member_rosters').docs,
      writes: { facts: collection('member_facts').writes, rosters: collection('member_rosters').writes },
    };
  };
  let version = 0;
  const message = (
    type: string,
    data: Record<string, unknown> = {},
    memberId = '8000000000000001',
    streamVersion = (version += 1),
  ): IntegrationEnvelope => {
    const definition = MEMBERS_EVENTS.find((m) => m.type === type)!;
    const example = exampleMessage(definition, 'members') as unknown as IntegrationEnvelope;
    return { ...example, streamId: memberStreamId(memberId), streamVersion, data: { ...example.data, ...data } };
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
    // the member's public key, to seal what this service records about them; gone with the erase
    expect(facts.get('8000000000000001')?.sealingKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
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

  it("moves the member to the branch MemberTransferred names, so each branch's roster and counts follow transfers", async () => {
    const { projection, facts, rosters } = setup();
    await projection.handle(message('MemberRegistered', { stage: 'FullMember', status: 'Normal' }));
    await projection.handle(message('MemberCountChanged', { counted: true }));
    await projection.handle(
      message('MemberTransferred', { organizationId: 'b-2', fromOrganizationId: 'b-1', toOrganizationId: 'b-2' }),
    );
    expect(facts.get('8000000000000001')).toMatchObject({ organizationId: 'b-2', counted: true, version: 3 });
    const onRoster = (org: string) => Object.keys(rosters.get(`org:${org}`)?.members ?? {});
    expect([onRoster('b-1'), onRoster('b-2')]).toEqual([[], ['8000000000000001']]);
  });

  it("forgets the member's public key once their personal data is erased: nothing more is sealed to it", async () => {
    const { projection, facts } = setup();
    await projection.handle(message('MemberRegistered'));
    expect(facts.get('8000000000000001')?.sealingKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await projection.handle(message('PersonalDataErased'));
    expect(facts.get('8000000000000001')).toMatchObject({ sealingKey: null, version: 2 });
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
        /^MemberRegistered v2 fails its schema: message\/data\/stage must be equal to one of the allowed values/,
      ),
    });
    const plainIdNumber = message('MemberRegistered', {
      protectedData: { keyId: 'k', sealingKey: null, name: null, idNumber: '310101199001011234', phone: null },
    });
    const refused = await projection.handle(plainIdNumber).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ reason: 'invalid' });
    expect(String((refused as Error).message)).not.toContain('310101199001011234');
    expect(facts.size).toBe(0);
  });

  it('folds a batch in memory and writes it once: the same facts and rosters as one event at a time', async () => {
    const ids = ['8000000000000001', '8000000000000002', '8000000000000003'];
    const events = ids.flatMap((id, i) => [
      message('MemberRegistered', { stage: 'FullMember', status: 'Normal', organizationId: `b-${i % 2}` }, id, 1),
      message('MemberCountChanged', { counted: true }, id, 2),
    ]);
    events.push(message('MembershipStatusChanged', { status: 'Expelled', previousStatus: 'Normal' }, ids[0], 3));
    events.push(message('MemberCountChanged', { counted: false }, ids[0], 4));
    const oneByOne = setup();
    for (const e of events) await oneByOne.projection.handle(e);
    const batched = setup();
    await batched.projection.handleBatch(events);
    expect(batched.facts).toEqual(oneByOne.facts);
    expect(batched.rosters).toEqual(oneByOne.rosters);
    expect(batched.rosters.get('org:b-0')).toMatchObject({
      members: { [ids[0]!]: 'FullMember|Expelled|0', [ids[2]!]: 'FullMember|Normal|1' },
    });
    expect(batched.rosters.get('org:b-1')).toMatchObject({ members: { [ids[1]!]: 'FullMember|Normal|1' } });
    // one write of the facts and one of the rosters (one update per roster), against two per event one at a time
    expect(batched.writes.facts).toEqual([3]);
    expect(batched.writes.rosters).toEqual([2]);
    expect(oneByOne.writes.facts).toHaveLength(events.length);
    // a redelivered batch changes nothing and writes nothing
    await batched.projection.handleBatch(events);
    expect(batched.writes.facts).toEqual([3]);
  });

  it('refuses a whole batch with a message that fails the schema, before anything is written', async () => {
    const { projection, facts, writes } = setup();
    const batch = [
      message('MemberRegistered', { stage: 'FullMember' }, '8000000000000002', 1),
      message('MemberRegistered', { stage: 'Leader' }, '8000000000000003', 1),
    ];
    await expect(projection.handleBatch(batch)).rejects.toMatchObject({ reason: 'invalid' });
    expect(facts.size).toBe(0);
    expect(writes.facts).toEqual([]);
  });
});

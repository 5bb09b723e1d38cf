import { exampleMessage } from '@lianjian/contracts';
import { type IntegrationEnvelope, isPoisonMessage } from '@lianjian/messaging';
import { ORGANIZATIONS_EVENTS } from '@lianjian/organizations-contracts';
import { untouchableDb, untouchableViews } from '@lianjian/testing';
import { TimelineProjection } from './timeline.projection';
import { memoryDb } from '../testing/memory-collection';
import { type Views } from './views';
import { type TimelineEntry } from '../application/read-models';

/** A database nobody may touch: a poison message is refused before anything is read or written. */
const db = untouchableDb;
const views = untouchableViews<Views>();

describe('the organization timeline, fed from the published organization topic', () => {
  it('refuses an event that fails its published schema as poison (invalid), before reading or writing anything', async () => {
    const timeline = new TimelineProjection(views, db);
    const example = exampleMessage(
      ORGANIZATIONS_EVENTS.find((m) => m.type === 'OrganizationRenamed')!,
      'organizations',
    ) as unknown as IntegrationEnvelope;
    for (const invalid of [
      { ...example, data: { ...example.data, effectiveOn: '1 March 2024' } },
      { ...example, data: { organizationId: 'b-1', name: '乙' } },
      { ...example, streamVersion: 0 },
    ]) {
      const error = await timeline.handle(invalid).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isPoisonMessage(error)).toBe(true);
      expect(error).toMatchObject({
        reason: 'invalid',
        message: expect.stringContaining('OrganizationRenamed v1 fails its schema'),
      });
    }
  });
});

describe('the organization timeline on in-memory collections', () => {
  const setup = () => {
    const { db, collection } = memoryDb();
    const views = { timeline: collection('organization_timeline') } as unknown as Views;
    return {
      timeline: new TimelineProjection(views, db),
      entries: collection('organization_timeline').docs as unknown as Map<string, TimelineEntry>,
      heads: collection('organization_timeline_heads').docs,
      parked: collection('parked_organization_timeline').docs,
    };
  };
  const message = (type: string, streamVersion: number, data: Record<string, unknown>): IntegrationEnvelope => {
    const example = exampleMessage(
      ORGANIZATIONS_EVENTS.find((m) => m.type === type)!,
      'organizations',
    ) as unknown as IntegrationEnvelope;
    return { ...example, streamId: 'organization-o-1', streamVersion, data: { ...example.data, ...data } };
  };
  const established = message('OrganizationEstablished', 1, { organizationId: 'o-1', establishedOn: '2020-01-01' });
  const renamed = message('OrganizationRenamed', 2, { organizationId: 'o-1', name: '新名', effectiveOn: '2024-03-01' });
  const validity = (entries: Map<string, TimelineEntry>) =>
    [...entries.values()].map((e) => [e._id, e.validFrom, e.validTo, e.state.name]);

  it('keeps one entry per version, each valid until the next one takes effect', async () => {
    const { timeline, entries, heads } = setup();
    await timeline.handle(established);
    await timeline.handle(renamed);
    expect(validity(entries)).toEqual([
      ['o-1:1', '2020-01-01', '2024-03-01', established.data['name']],
      ['o-1:2', '2024-03-01', null, '新名'],
    ]);
    expect(entries.get('o-1:2')).toMatchObject({ organizationId: 'o-1', version: 2, eventType: 'OrganizationRenamed' });
    expect(heads.get('o-1')).toEqual({ _id: 'o-1', version: 2 });
  });

  it('never ends an entry before it starts: a back-dated version of an old stream starts where the previous one did', async () => {
    const { timeline, entries } = setup();
    const elected = message('LeadershipElected', 3, {
      organizationId: 'o-1',
      electedOn: '2023-01-10', // before the rename of 2024-03-01 (the deciders refuse this now; old streams may hold it)
    });
    await timeline.handle(established);
    await timeline.handle(renamed);
    await timeline.handle(elected);
    const entriesInOrder = [...entries.values()].sort((a, b) => a.version - b.version);
    for (const e of entriesInOrder) if (e.validTo !== null) expect(e.validTo >= e.validFrom).toBe(true);
    expect(validity(entries)).toEqual([
      ['o-1:1', '2020-01-01', '2024-03-01', established.data['name']],
      ['o-1:2', '2024-03-01', '2024-03-01', '新名'],
      ['o-1:3', '2024-03-01', null, '新名'],
    ]);
    expect(entries.get('o-1:3')).toMatchObject({ effectiveOn: '2023-01-10' });
  });

  it('applies a redelivered version once', async () => {
    const { timeline, entries, heads } = setup();
    await timeline.handle(established);
    await timeline.handle(renamed);
    await timeline.handle(established);
    await timeline.handle(renamed);
    expect(entries.size).toBe(2);
    expect(heads.get('o-1')).toEqual({ _id: 'o-1', version: 2 });
  });

  it('parks a version that comes after a gap and applies it once the missing one arrives', async () => {
    const { timeline, entries, heads, parked } = setup();
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await timeline.handle(renamed);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('organization-o-1 v2 parked'));
    warn.mockRestore();
    expect(entries.size).toBe(0);
    expect([...parked.keys()]).toEqual(['organization-o-1@2']);
    await timeline.handle(established);
    expect(validity(entries)).toEqual([
      ['o-1:1', '2020-01-01', '2024-03-01', established.data['name']],
      ['o-1:2', '2024-03-01', null, '新名'],
    ]);
    expect(parked.size).toBe(0);
    expect(heads.get('o-1')).toEqual({ _id: 'o-1', version: 2 });
  });
});

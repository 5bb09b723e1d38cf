import { testCaller as caller } from '@lianjian/testing';
import { type OrganizationEvent, evolveOrganization } from '@lianjian/organizations-domain';
import { HistoryQueries } from './history.queries';
import { type TimelineEntry } from '../read-models';
import { InMemoryReadModels } from '../../testing/in-memory-read-models';

const region = (district: string | null, street: string | null = null) => ({ district, street, community: null });

/** The timeline as the projection writes it: one entry per version, valid until the next version's date. */
function timelineOf(streams: Record<string, OrganizationEvent[]>): TimelineEntry[] {
  return Object.entries(streams).flatMap(([organizationId, events]) => {
    let state: TimelineEntry['state'] | null = null;
    const entries = events.map((event, i) => {
      state = evolveOrganization(state, event)!;
      const validFrom =
        event.type === 'OrganizationEstablished'
          ? event.data.establishedOn
          : event.type === 'LeadershipElected'
            ? event.data.electedOn
            : event.data.effectiveOn;
      return { organizationId, version: i + 1, validFrom, state };
    });
    return entries.map((e, i) => ({
      _id: `${organizationId}:${e.version}`,
      organizationId,
      version: e.version,
      eventType: events[i]!.type,
      effectiveOn: e.validFrom,
      recordedAt: new Date(0),
      actor: 'test',
      validFrom: e.validFrom,
      validTo: entries[i + 1]?.validFrom ?? null,
      state: e.state,
    }));
  });
}

const established = (
  organizationId: string,
  parentId: string | null,
  organizationType: 'Committee' | 'WorkingCommittee' | 'JointBranch' | 'PartyGroup',
  district: string | null,
  street: string | null = null,
): OrganizationEvent => ({
  type: 'OrganizationEstablished',
  data: {
    organizationId,
    name: organizationId,
    organizationType,
    parentId,
    region: region(district, street),
    buildingId: null,
    establishedOn: '2020-01-01',
    documentNumber: 'd',
  },
});

describe('the tree as of a date after a whole-organization transfer (整建制转移)', () => {
  // c-1 (with its branch b-1 and b-1's party group) moves from huangpu to xuhui on 2025-06-01: only c-1's stream
  // has an event; b-1 and pg-1 still say huangpu on their own streams
  const views = new InMemoryReadModels();
  for (const entry of timelineOf({
    city: [established('city', null, 'Committee', null)],
    huangpu: [established('huangpu', 'city', 'Committee', 'huangpu')],
    xuhui: [established('xuhui', 'city', 'Committee', 'xuhui')],
    tianping: [established('tianping', 'xuhui', 'WorkingCommittee', 'xuhui', 'tianping')],
    'c-1': [
      established('c-1', 'huangpu', 'Committee', 'huangpu', 'nanjing-east'),
      {
        type: 'OrganizationTransferredToDistrict',
        data: {
          organizationId: 'c-1',
          region: region('xuhui', 'tianping'),
          previousRegion: region('huangpu', 'nanjing-east'),
          parentId: 'tianping',
          previousParentId: 'huangpu',
          effectiveOn: '2025-06-01',
          documentNumber: '沪组〔2025〕1号',
        },
      },
    ],
    'b-1': [established('b-1', 'c-1', 'JointBranch', 'huangpu', 'nanjing-east')],
    'pg-1': [established('pg-1', 'b-1', 'PartyGroup', 'huangpu', 'nanjing-east')],
  })) {
    views.timelineEntries.set(entry._id, entry);
  }
  const history = new HistoryQueries(views.timeline, { today: () => '2026-11-22' });
  const huangpuAdmin = caller('DISTRICT_ADMIN', { district: 'huangpu' });
  const xuhuiAdmin = caller('DISTRICT_ADMIN', { district: 'xuhui' });
  const seen = async (who: ReturnType<typeof caller>, date: string, rootId: string | null = null) =>
    (await history.treeAsOf(who, date, rootId)).map((n) => [n.organization.id, n.organization.region.district]);

  it("shows the moved organization's subtree to the new district's admin, in the new district", async () => {
    expect(await seen(xuhuiAdmin, '2025-07-01')).toEqual([
      ['xuhui', 'xuhui'],
      ['tianping', 'xuhui'],
      ['c-1', 'xuhui'],
      ['b-1', 'xuhui'],
      ['pg-1', 'xuhui'],
    ]);
    expect(await seen(xuhuiAdmin, '2025-07-01', 'b-1')).toEqual([
      ['b-1', 'xuhui'],
      ['pg-1', 'xuhui'],
    ]);
  });

  it("hides it from the old district's admin after the transfer, and shows it to them before", async () => {
    expect(await seen(huangpuAdmin, '2025-07-01')).toEqual([['huangpu', 'huangpu']]);
    expect(await seen(huangpuAdmin, '2025-07-01', 'c-1')).toEqual([]);
    expect(await seen(huangpuAdmin, '2025-05-31')).toEqual([
      ['huangpu', 'huangpu'],
      ['c-1', 'huangpu'],
      ['b-1', 'huangpu'],
      ['pg-1', 'huangpu'],
    ]);
    expect(await seen(xuhuiAdmin, '2025-05-31')).toEqual([
      ['xuhui', 'xuhui'],
      ['tianping', 'xuhui'],
    ]);
  });

  it('lets an organization admin above the moved subtree read it from a root below them', async () => {
    const tianpingAdmin = caller('ORGANIZATION_ADMIN', { organizationId: 'tianping', district: 'xuhui' });
    expect(await seen(tianpingAdmin, '2025-07-01', 'b-1')).toEqual([
      ['b-1', 'xuhui'],
      ['pg-1', 'xuhui'],
    ]);
  });
});

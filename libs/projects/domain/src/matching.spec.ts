import { type MatchableNeed, type MatchableResource, matchNeedsToResources } from './matching';
import { evolveNeed } from './need';
import { evolveResource } from './resource';

const today = '2026-06-01';
const need = (needId: string, over: Partial<MatchableNeed> = {}): MatchableNeed => ({
  needId,
  councilId: 'c-1',
  category: 'PublicServices',
  status: 'Open',
  place: '山海关路100弄',
  region: { street: 's-1', community: 'cm-1' },
  ...over,
});
const resource = (resourceId: string, over: Partial<MatchableResource> = {}): MatchableResource => ({
  resourceId,
  councilId: 'c-1',
  categories: ['PublicServices'],
  place: null,
  region: null,
  availableFrom: '2026-01-01',
  availableUntil: null,
  withdrawnOn: null,
  remaining: 10,
  ...over,
});
const ids = (needs: MatchableNeed[], resources: MatchableResource[]) =>
  matchNeedsToResources(needs, resources, today).map((m) => [m.needId, m.resources.map((r) => r.resourceId)]);

describe("matching the council's needs to its resources", () => {
  it('offers only resources of the same council, serving the category, available today', () => {
    expect(
      ids(
        [need('n-1')],
        [
          resource('ok'),
          resource('other-council', { councilId: 'c-2' }),
          resource('other-category', { categories: ['SocialValue'] }),
          resource('not-yet', { availableFrom: '2026-06-02' }),
          resource('over', { availableUntil: '2026-05-31' }),
          resource('last-day', { availableUntil: '2026-06-01' }),
          resource('first-day', { availableFrom: '2026-06-01' }),
          resource('withdrawn', { withdrawnOn: '2026-05-01' }),
          resource('used-up', { remaining: 0 }),
          resource('many', { categories: ['SocialValue', 'PublicServices'] }),
        ],
      ),
    ).toEqual([['n-1', ['first-day', 'last-day', 'many', 'ok']]]);
  });

  it('matches open needs only, in the order given, and lists those with nothing to match', () => {
    expect(
      ids(
        [
          need('n-2'),
          need('n-1', { status: 'TakenUp' }),
          need('n-3', { category: 'SocialValue' }),
          need('n-4', { status: 'Declined' }),
        ],
        [resource('r-1')],
      ),
    ).toEqual([
      ['n-2', ['r-1']],
      ['n-3', []],
    ]);
  });

  it('ranks the same place first, then the same community, then the same street, then the larger remaining, then id', () => {
    const [match] = matchNeedsToResources(
      [need('n-1')],
      [
        resource('far-big', { remaining: 1000 }),
        resource('street', { region: { street: 's-1', community: 'cm-2' } }),
        resource('community', { region: { street: 's-1', community: 'cm-1' }, remaining: 1 }),
        resource('place', { place: ' 山海关路100弄 ', remaining: 1 }),
        resource('far-b', { remaining: 5 }),
        resource('far-a', { remaining: 5 }),
      ],
      today,
    );
    expect(match?.resources).toEqual([
      { resourceId: 'place', nearness: 'SamePlace', remaining: 1 },
      { resourceId: 'community', nearness: 'SameCommunity', remaining: 1 },
      { resourceId: 'street', nearness: 'SameStreet', remaining: 10 },
      { resourceId: 'far-big', nearness: 'Elsewhere', remaining: 1000 },
      { resourceId: 'far-a', nearness: 'Elsewhere', remaining: 5 },
      { resourceId: 'far-b', nearness: 'Elsewhere', remaining: 5 },
    ]);
  });

  it('never counts unknown places or regions as the same', () => {
    const [match] = matchNeedsToResources(
      [need('n-1', { place: null, region: { street: null } })],
      [resource('r-1', { place: null, region: { street: null, community: null } }), resource('r-2')],
      today,
    );
    expect(match?.resources.map((r) => r.nearness)).toEqual(['Elsewhere', 'Elsewhere']);
  });
});

describe('matching the domain states themselves', () => {
  it("takes the need and resource deciders' states as they are", () => {
    const n = evolveNeed(null, {
      type: 'NeedSubmitted',
      data: {
        needId: 'n-1',
        councilId: 'c-1',
        needKind: 'Wish',
        category: 'SocialValue',
        title: '一台轮椅',
        description: '',
        place: '1号楼',
        submitterKind: 'Resident',
        unitId: null,
        contact: null,
        channel: 'PublicForm',
        submittedOn: '2026-05-01',
      },
    });
    const r = evolveResource(null, {
      type: 'ResourceOffered',
      data: {
        resourceId: 'r-1',
        councilId: 'c-1',
        unitId: 'u-1',
        resourceKind: 'Other',
        title: '轮椅',
        quantity: 2,
        measure: '台',
        categories: ['SocialValue'],
        place: '1号楼',
        availableFrom: '2026-05-01',
        availableUntil: null,
        conditions: null,
        offeredOn: '2026-05-01',
      },
    });
    expect(matchNeedsToResources([n!], [r!], today)).toEqual([
      { needId: 'n-1', resources: [{ resourceId: 'r-1', nearness: 'SamePlace', remaining: 2 }] },
    ]);
  });
});

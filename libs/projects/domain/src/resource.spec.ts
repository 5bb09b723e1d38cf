import { type Step, refusalOf, replay } from './decider.testing';
import {
  type ResourceCommand,
  type ResourceState,
  decideResource,
  evolveResource,
  resourceAvailableOn,
} from './resource';

const today = '2026-11-20';
type S = Step<ResourceCommand>;
const given = (...steps: S[]): ResourceState =>
  replay(decideResource, evolveResource, null as ResourceState, today, steps).state;
const refusal = (state: ResourceState, step: S) => refusalOf(() => decideResource({ ...step, today }, state));

const offer: Extract<S, { kind: 'OfferResource' }> = {
  kind: 'OfferResource',
  resourceId: 'r-1',
  councilId: 'c-1',
  unitId: 'u-1',
  memberUnitIds: ['u-1', 'u-2'],
  resourceKind: 'Funds',
  title: ' 社区公益金 ',
  quantity: 50_000,
  measure: '元',
  categories: ['PublicServices', 'SocialValue', 'PublicServices'],
  place: null,
  availableFrom: '2026-01-01',
  availableUntil: '2026-12-31',
  conditions: ' 需提交项目方案 ',
  offeredOn: '2026-01-05',
};
const commit = (quantity: number, committedOn = '2026-03-01', projectId = 'p-1'): S => ({
  kind: 'CommitResource',
  projectId,
  quantity,
  committedOn,
});

describe("a member unit's resource", () => {
  it('is offered by a member unit with a positive quantity, one or more categories and its availability', () => {
    const { events, state } = replay(decideResource, evolveResource, null as ResourceState, today, [offer]);
    expect(events[0]?.data).toEqual({
      resourceId: 'r-1',
      councilId: 'c-1',
      unitId: 'u-1',
      resourceKind: 'Funds',
      title: '社区公益金',
      quantity: 50_000,
      measure: '元',
      categories: ['PublicServices', 'SocialValue'],
      place: null,
      availableFrom: '2026-01-01',
      availableUntil: '2026-12-31',
      conditions: '需提交项目方案',
      offeredOn: '2026-01-05',
    });
    expect(state).toMatchObject({ remaining: 50_000, commitments: [], withdrawnOn: null });
    expect(given({ ...offer, availableUntil: null, availableFrom: '2027-01-01' })).toMatchObject({
      availableUntil: null,
    });
  });

  it('refuses an offer twice, from a unit not a member, and with a bad kind, text, quantity, categories or dates', () => {
    expect(refusal(given(offer), offer)).toEqual({ code: 'RESOURCE_ALREADY_EXISTS', field: 'resourceId' });
    expect(refusal(null, { ...offer, unitId: 'u-9' })).toEqual({ code: 'UNIT_NOT_MEMBER', field: 'unitId' });
    expect(refusal(null, { ...offer, resourceKind: 'Gold' as never })).toEqual({
      code: 'RESOURCE_INVALID',
      field: 'resourceKind',
    });
    expect(refusal(null, { ...offer, title: ' ' })).toEqual({ code: 'RESOURCE_INVALID', field: 'title' });
    expect(refusal(null, { ...offer, measure: '' })).toEqual({ code: 'RESOURCE_INVALID', field: 'measure' });
    for (const quantity of [0, -1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(refusal(null, { ...offer, quantity })).toEqual({ code: 'RESOURCE_INVALID', field: 'quantity' });
    expect(refusal(null, { ...offer, categories: [] })).toEqual({ code: 'RESOURCE_INVALID', field: 'categories' });
    expect(refusal(null, { ...offer, categories: ['Sports' as never] })).toEqual({
      code: 'RESOURCE_INVALID',
      field: 'categories',
    });
    expect(refusal(null, { ...offer, offeredOn: '2026-11-21' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'offeredOn',
    });
    expect(refusal(null, { ...offer, availableUntil: '2025-12-31' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'availableUntil',
    });
    expect(refusal(null, { ...offer, availableFrom: '2025-01-01', availableUntil: '2026-01-04' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'availableUntil',
    });
    expect(refusal(null, { ...offer, availableFrom: '2026/01/01' })).toEqual({
      code: 'DATE_INVALID',
      field: 'availableFrom',
    });
  });

  it('is committed to projects, never more than remains, and keeps what remains', () => {
    const state = given(offer, commit(20_000.1), commit(9_999.9, '2026-02-01', 'p-2'));
    expect(state).toMatchObject({
      remaining: 20_000,
      commitments: [
        { projectId: 'p-1', quantity: 20_000.1, committedOn: '2026-03-01' },
        { projectId: 'p-2', quantity: 9_999.9, committedOn: '2026-02-01' },
      ],
      lastStepOn: '2026-03-01',
    });
    expect(refusal(state, commit(20_000.01))).toEqual({ code: 'RESOURCE_INSUFFICIENT', field: 'quantity' });
    expect(given(offer, commit(20_000.1), commit(29_999.9))?.remaining).toBe(0);
    expect(refusal(state, commit(0))).toEqual({ code: 'RESOURCE_INVALID', field: 'quantity' });
    expect(refusal(state, commit(1, '2026-01-04'))).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'committedOn' });
    expect(refusal(state, commit(1, '2026-11-21'))).toEqual({ code: 'DATE_IN_FUTURE', field: 'committedOn' });
    expect(refusal(null, commit(1))).toEqual({ code: 'RESOURCE_NOT_FOUND', field: 'resourceId' });
  });

  it('is not committed after its availability ends', () => {
    const state = given({ ...offer, availableUntil: '2026-06-30' });
    expect(refusal(state, commit(1, '2026-07-01'))).toEqual({ code: 'RESOURCE_NOT_AVAILABLE', field: 'committedOn' });
    expect(given({ ...offer, availableUntil: '2026-06-30' }, commit(1, '2026-06-30'))?.remaining).toBe(49_999);
  });

  it('is withdrawn once, not before its last commitment, and takes no commitment after', () => {
    const withdrawn = given(offer, commit(100), { kind: 'WithdrawResource', withdrawnOn: '2026-04-01' });
    expect(withdrawn).toMatchObject({ withdrawnOn: '2026-04-01', remaining: 49_900 });
    expect(refusal(withdrawn, commit(1, '2026-04-01'))).toEqual({ code: 'RESOURCE_WITHDRAWN', field: 'resourceId' });
    expect(refusal(withdrawn, { kind: 'WithdrawResource', withdrawnOn: '2026-04-02' })).toEqual({
      code: 'RESOURCE_WITHDRAWN',
      field: 'resourceId',
    });
    const committed = given(offer, commit(100));
    expect(refusal(committed, { kind: 'WithdrawResource', withdrawnOn: '2026-02-28' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'withdrawnOn',
    });
    expect(refusal(committed, { kind: 'WithdrawResource', withdrawnOn: '2026-11-21' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'withdrawnOn',
    });
  });

  it('is available on a day within its availability, not withdrawn, with some left', () => {
    const r = given(offer)!;
    expect(resourceAvailableOn(r, '2026-01-01')).toBe(true);
    expect(resourceAvailableOn(r, '2026-12-31')).toBe(true);
    expect(resourceAvailableOn(r, '2025-12-31')).toBe(false);
    expect(resourceAvailableOn(r, '2027-01-01')).toBe(false);
    expect(resourceAvailableOn({ ...r, availableUntil: null }, '2099-01-01')).toBe(true);
    expect(resourceAvailableOn({ ...r, remaining: 0 }, '2026-06-01')).toBe(false);
    expect(resourceAvailableOn({ ...r, withdrawnOn: '2026-05-01' }, '2026-06-01')).toBe(false);
  });
});

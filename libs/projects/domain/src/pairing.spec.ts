import { type Step, refusalOf, replay } from './decider.testing';
import { type PairingCommand, type PairingState, decidePairing, evolvePairing, pairingActiveOn } from './pairing';

const today = '2026-11-20';
type S = Step<PairingCommand>;
const given = (...steps: S[]): PairingState =>
  replay(decidePairing, evolvePairing, null as PairingState, today, steps).state;
const refusal = (state: PairingState, step: S) => refusalOf(() => decidePairing({ ...step, today }, state));

const commitments = [
  { organizationId: 'soe-branch', commitment: ' 派党建指导员 ' },
  { organizationId: 'firm-branch', commitment: '提供活动场地' },
];
const agree: S = {
  kind: 'AgreePairing',
  pairingId: 'pr-1',
  councilId: 'c-1',
  organizationIds: ['soe-branch', ' firm-branch '],
  commitments,
  from: '2026-01-01',
  until: '2027-12-31',
};
const end: S = { kind: 'EndPairing', endedOn: '2026-06-30', reason: '企业迁出' };

describe('a pairing of two organizations', () => {
  it('is agreed between two different organizations, each committing to something, for a period', () => {
    const pairing = given(agree);
    expect(pairing).toEqual({
      pairingId: 'pr-1',
      councilId: 'c-1',
      organizationIds: ['soe-branch', 'firm-branch'],
      commitments: [
        { organizationId: 'soe-branch', commitment: '派党建指导员' },
        { organizationId: 'firm-branch', commitment: '提供活动场地' },
      ],
      from: '2026-01-01',
      until: '2027-12-31',
      endedOn: null,
      endReason: null,
    });
    expect(pairingActiveOn(pairing!, '2026-01-01')).toBe(true);
    expect(pairingActiveOn(pairing!, '2025-12-31')).toBe(false);
    expect(pairingActiveOn(pairing!, '2028-01-01')).toBe(false);
    expect(given({ ...agree, councilId: ' ' })?.councilId).toBeNull();
    expect(refusal(pairing, agree)).toEqual({ code: 'PAIRING_ALREADY_EXISTS', field: 'pairingId' });
  });

  it('refuses the same organization twice, a missing side, a stranger or a blank commitment, and a period backwards', () => {
    expect(refusal(null, { ...agree, organizationIds: ['soe-branch', 'soe-branch'] })).toEqual({
      code: 'PAIRING_INVALID',
      field: 'organizationIds',
    });
    expect(refusal(null, { ...agree, organizationIds: ['soe-branch', ''] })).toEqual({
      code: 'PAIRING_INVALID',
      field: 'organizationIds',
    });
    expect(
      refusal(null, { ...agree, commitments: [{ organizationId: 'soe-branch', commitment: '派党建指导员' }] }),
    ).toEqual({
      code: 'PAIRING_INVALID',
      field: 'commitments',
    });
    expect(
      refusal(null, {
        ...agree,
        commitments: [...commitments, { organizationId: 'x', commitment: '资金' }],
      }),
    ).toEqual({ code: 'PAIRING_INVALID', field: 'commitments' });
    expect(
      refusal(null, {
        ...agree,
        commitments: [
          { organizationId: 'soe-branch', commitment: ' ' },
          { organizationId: 'firm-branch', commitment: '场地' },
        ],
      }),
    ).toEqual({ code: 'PAIRING_INVALID', field: 'commitments' });
    expect(refusal(null, { ...agree, until: '2026-01-01' })).toEqual({ code: 'DATE_OUT_OF_ORDER', field: 'until' });
    expect(refusal(null, { ...agree, from: '2026-13-01' })).toEqual({ code: 'DATE_INVALID', field: 'from' });
  });

  it('ends once, with a reason, not before it began nor in the future', () => {
    const ended = given(agree, end);
    expect(ended).toMatchObject({ endedOn: '2026-06-30', endReason: '企业迁出' });
    expect(pairingActiveOn(ended!, '2026-06-29')).toBe(true);
    expect(pairingActiveOn(ended!, '2026-06-30')).toBe(false);
    expect(refusal(ended, end)).toEqual({ code: 'PAIRING_ALREADY_ENDED', field: 'pairingId' });
    const running = given(agree);
    expect(refusal(running, { ...end, reason: ' ' })).toEqual({ code: 'PAIRING_INVALID', field: 'reason' });
    expect(refusal(running, { ...end, endedOn: '2025-12-31' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'endedOn',
    });
    expect(refusal(running, { ...end, endedOn: '2026-12-01' })).toEqual({ code: 'DATE_IN_FUTURE', field: 'endedOn' });
    expect(refusal(null, end)).toEqual({ code: 'PAIRING_NOT_FOUND', field: 'pairingId' });
  });
});

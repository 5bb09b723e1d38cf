import { MemberRuleViolation } from '../errors';
import { type TreePlace, approvalPath, transferScopeOf } from './approval-path';
import { DEFAULT_TRANSFER_RULES } from './rules';
import { type TransferCommand, type TransferState, decideTransfer, evolveTransfer } from './transfer';
import { type TransferEvent } from './transfer-events';

// The city: city → huangpu → street s1 → community c1 → branches b1, b2; s1 → b3; city → xuhui → b4.
const place = (path: string[], district: string | null): TreePlace => ({ path, district });
const B1 = place(['city', 'huangpu', 's1', 'c1', 'b1'], 'huangpu');
const B2 = place(['city', 'huangpu', 's1', 'c1', 'b2'], 'huangpu');
const B3 = place(['city', 'huangpu', 's1', 'b3'], 'huangpu');
const B5 = place(['city', 'huangpu', 's2', 'b5'], 'huangpu');
const B4 = place(['city', 'xuhui', 'b4'], 'xuhui');
const today = '2026-03-10';
const dated = { today, rules: DEFAULT_TRANSFER_RULES };

const target = (p: TreePlace, extra: { active?: boolean; canHoldMembers?: boolean } = {}) => ({
  ...p,
  organizationId: p.path.at(-1)!,
  active: true,
  canHoldMembers: true,
  ...extra,
});
const initiate = (
  overrides: Partial<Extract<TransferCommand, { kind: 'InitiateTransfer' }>> = {},
): TransferCommand => ({
  kind: 'InitiateTransfer',
  transferId: 't-1',
  memberId: 'm-1',
  from: { ...B1, organizationId: 'b1' },
  to: target(B4),
  outsideOrganization: null,
  acrossProvinces: false,
  reason: '工作调动',
  letterNumber: '沪组转〔2026〕001号',
  validityMonths: null,
  duesPaidUntil: '2026-02',
  arrearsMonths: 0,
  expectedReportOn: '2026-03-20',
  ...dated,
  ...overrides,
});

/** The state after the commands, each decided on the state the previous ones left. */
function given(...commands: TransferCommand[]): { state: TransferState; events: TransferEvent[] } {
  let state: TransferState = null;
  const events: TransferEvent[] = [];
  for (const command of commands) {
    const decided = decideTransfer(command, state);
    events.push(...decided);
    state = decided.reduce(evolveTransfer, state);
  }
  return { state, events };
}
const refusal = (state: TransferState, command: TransferCommand) => {
  try {
    decideTransfer(command, state);
  } catch (error) {
    if (error instanceof MemberRuleViolation) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('the command was not refused');
};
const approve = (approverId: string, on = today): TransferCommand => ({
  kind: 'ApproveTransfer',
  approverId,
  today: on,
  rules: DEFAULT_TRANSFER_RULES,
});

describe('the approval path and scope, from the tree as it stands', () => {
  it('goes up to the common ancestor of sender and receiver, then down to the receiver', () => {
    expect([transferScopeOf(B1, B2), approvalPath(B1, B2)]).toEqual(['WithinCommittee', ['c1']]);
    expect([transferScopeOf(B1, B3), approvalPath(B1, B3)]).toEqual(['WithinDistrict', ['c1', 's1']]);
    expect([transferScopeOf(B1, B5), approvalPath(B1, B5)]).toEqual(['WithinDistrict', ['c1', 's1', 'huangpu', 's2']]);
    // across districts the common ancestor is the city level: through it
    expect([transferScopeOf(B1, B4), approvalPath(B1, B4)]).toEqual([
      'AcrossDistricts',
      ['c1', 's1', 'huangpu', 'city', 'xuhui'],
    ]);
    expect([transferScopeOf(B4, null), approvalPath(B4, null)]).toEqual(['OutOfCity', ['xuhui', 'city']]);
    expect([transferScopeOf(null, B3), approvalPath(null, B3)]).toEqual(['IntoCity', ['city', 'huangpu', 's1']]);
  });

  it('refuses a transfer to where the member already is, or with neither end in the city', () => {
    expect(() => approvalPath(B1, B1)).toThrow(expect.objectContaining({ code: 'TRANSFER_TARGET_INVALID' }));
    expect(() => transferScopeOf(null, null)).toThrow(expect.objectContaining({ code: 'TRANSFER_TARGET_INVALID' }));
  });
});

describe('a transfer', () => {
  it('is initiated with its path, the default validity of its scope and the dues paid until', () => {
    const { state, events } = given(initiate());
    expect(events).toEqual([
      {
        type: 'TransferInitiated',
        data: expect.objectContaining({
          scope: 'AcrossDistricts',
          fromOrganizationId: 'b1',
          fromDistrict: 'huangpu',
          toOrganizationId: 'b4',
          toDistrict: 'xuhui',
          approvalPath: ['c1', 's1', 'huangpu', 'city', 'xuhui'],
          validityMonths: 2,
          duesPaidUntil: '2026-02',
        }),
      },
    ]);
    expect(state).toMatchObject({ status: 'AwaitingApproval', approvedBy: [], letter: null });
  });

  it('refuses an inactive target, one that cannot hold members, unsettled dues and a validity out of range', () => {
    expect(refusal(null, initiate({ to: target(B4, { active: false }) }))).toEqual({
      code: 'TRANSFER_TARGET_INVALID',
      field: 'toOrganizationId',
    });
    expect(refusal(null, initiate({ to: target(B4, { canHoldMembers: false }) }))).toMatchObject({
      code: 'TRANSFER_TARGET_INVALID',
    });
    expect(refusal(null, initiate({ arrearsMonths: 2 }))).toEqual({
      code: 'DUES_ARREARS_UNSETTLED',
      field: 'memberId',
    });
    // settling first is configurable
    expect(
      given(initiate({ arrearsMonths: 2, rules: { ...DEFAULT_TRANSFER_RULES, settleArrearsFirst: false } })).state,
    ).toMatchObject({ status: 'AwaitingApproval', arrearsMonths: 2 }); // shown with the transfer
    expect(refusal(null, initiate({ validityMonths: 4 }))).toEqual({
      code: 'TRANSFER_VALIDITY_OUT_OF_RANGE',
      field: 'validityMonths',
    });
    // up to 6 months out of the city to another province, not within it
    const out = { to: null, outsideOrganization: '中共某省某市某支部', acrossProvinces: true };
    expect(given(initiate({ ...out, validityMonths: 6 })).state).toMatchObject({
      scope: 'OutOfCity',
      validityMonths: 6,
    });
    expect(refusal(null, initiate({ ...out, acrossProvinces: false, validityMonths: 6 }))).toMatchObject({
      code: 'TRANSFER_VALIDITY_OUT_OF_RANGE',
    });
    expect(refusal(null, initiate({ to: null }))).toEqual({
      code: 'TRANSFER_TARGET_INVALID',
      field: 'outsideOrganization',
    });
    expect(refusal(given(initiate()).state, initiate())).toMatchObject({ code: 'TRANSFER_ALREADY_EXISTS' });
  });

  it('is approved along the path in order, and the last approval issues the letter', () => {
    const path = ['c1', 's1', 'huangpu', 'city'];
    const started = given(initiate(), approve('c1'), approve('s1'));
    expect(refusal(started.state, approve('city'))).toEqual({ code: 'APPROVER_NOT_NEXT', field: 'transferId' });
    const { state, events } = given(initiate(), ...[...path, 'xuhui'].map((a) => approve(a)));
    expect(events.at(-1)).toEqual({
      type: 'TransferLetterIssued',
      data: {
        transferId: 't-1',
        letterNumber: '沪组转〔2026〕001号',
        issuedOn: today,
        validUntil: '2026-05-09',
        duesPaidUntil: '2026-02',
      },
    });
    expect(state).toMatchObject({ status: 'LetterIssued', approvedBy: [...path, 'xuhui'] });
    expect(refusal(state, approve('xuhui'))).toMatchObject({ code: 'TRANSFER_STATE_NOT_ALLOWED' });
  });

  it('may be revoked by the sender until the first approval, sent back with a reason, and resubmitted', () => {
    expect(given(initiate(), { kind: 'RevokeTransfer', reason: '填错', ...dated }).state).toMatchObject({
      status: 'Revoked',
      closedOn: today,
      lastReason: '填错',
    });
    const approvedOnce = given(initiate(), approve('c1')).state;
    expect(refusal(approvedOnce, { kind: 'RevokeTransfer', reason: 'late', ...dated })).toEqual({
      code: 'TRANSFER_ALREADY_APPROVED',
      field: 'transferId',
    });
    const sentBack = given(initiate(), approve('c1'), {
      kind: 'SendBackTransfer',
      approverId: 's1',
      reason: '介绍信编号有误',
      ...dated,
    }).state;
    expect(sentBack).toMatchObject({ status: 'SentBack', lastReason: '介绍信编号有误' });
    expect(refusal(sentBack, approve('s1'))).toMatchObject({ code: 'TRANSFER_STATE_NOT_ALLOWED' });
    // resubmitted, the approvals start again from the first approver
    const resubmitted = given(
      initiate(),
      approve('c1'),
      { kind: 'SendBackTransfer', approverId: 's1', reason: 'x', ...dated },
      {
        kind: 'ResubmitTransfer',
        ...dated,
      },
    ).state;
    expect(resubmitted).toMatchObject({ status: 'AwaitingApproval', approvedBy: [] });
    expect(refusal(resubmitted, approve('s1'))).toMatchObject({ code: 'APPROVER_NOT_NEXT' });
  });

  const issued = (validityMonths: number | null = 1) =>
    given(initiate({ to: target(B2), validityMonths }), approve('c1')).state;

  it('lands when the member reports within the letter, and the receiver may reject instead', () => {
    const state = issued();
    expect(state).toMatchObject({ scope: 'WithinCommittee', letter: { validUntil: '2026-04-09' } });
    const accepted = decideTransfer(
      { kind: 'AcceptTransfer', reportedOn: '2026-03-12', ...dated, today: '2026-03-12' },
      state,
    );
    expect(accepted).toEqual([
      {
        type: 'TransferAccepted',
        data: { transferId: 't-1', memberId: 'm-1', toOrganizationId: 'b2', reportedOn: '2026-03-12' },
      },
    ]);
    expect(accepted.reduce(evolveTransfer, state)).toMatchObject({ status: 'Landed', closedOn: '2026-03-12' });
    expect(refusal(state, { kind: 'AcceptTransfer', reportedOn: '2026-04-10', ...dated, today: '2026-04-12' })).toEqual(
      {
        code: 'TRANSFER_LETTER_EXPIRED',
        field: 'reportedOn',
      },
    );
    expect(refusal(state, { kind: 'AcceptTransfer', reportedOn: '2026-03-12', ...dated })).toMatchObject({
      code: 'DATE_IN_FUTURE',
    });
    const rejected = decideTransfer({ kind: 'RejectTransfer', reason: '不属于本支部', ...dated }, state).reduce(
      evolveTransfer,
      state,
    );
    expect(rejected).toMatchObject({ status: 'Rejected', lastReason: '不属于本支部' });
  });

  it('expires once its letter has passed without the member reporting, and a renewed letter starts again', () => {
    const state = issued();
    const sweep = (on: string): TransferCommand => ({
      kind: 'ExpireTransfer',
      today: on,
      rules: DEFAULT_TRANSFER_RULES,
    });
    expect(decideTransfer(sweep('2026-04-09'), state)).toEqual([]);
    const expired = decideTransfer(sweep('2026-04-10'), state);
    expect(expired).toEqual([
      { type: 'TransferExpired', data: { transferId: 't-1', memberId: 'm-1', expiredOn: '2026-04-10' } },
    ]);
    const pocket = expired.reduce(evolveTransfer, state);
    expect(pocket).toMatchObject({ status: 'Expired' });
    // the sweep again, on any later day: nothing more
    expect(decideTransfer(sweep('2026-05-01'), pocket)).toEqual([]);
    const renewed = decideTransfer(
      {
        kind: 'RenewTransferLetter',
        letterNumber: '沪组转〔2026〕009号',
        validityMonths: null,
        ...dated,
        today: '2026-04-20',
      },
      pocket,
    ).reduce(evolveTransfer, pocket);
    expect(renewed).toMatchObject({
      status: 'LetterIssued',
      letterNumber: '沪组转〔2026〕009号',
      letter: { issuedOn: '2026-04-20', validUntil: '2026-05-19' },
    });
    expect(
      refusal(state, { kind: 'RenewTransferLetter', letterNumber: 'x', validityMonths: null, ...dated }),
    ).toMatchObject({
      code: 'TRANSFER_STATE_NOT_ALLOWED',
    });
  });

  it('from the city level itself needs no approval: the letter is issued at once', () => {
    const city = { path: ['city'], district: null, organizationId: 'city' };
    const { state } = given(initiate({ from: city, to: null, outsideOrganization: '中共北京市某支部' }));
    expect(state).toMatchObject({ scope: 'OutOfCity', approvalPath: [], status: 'LetterIssued' });
  });

  it('refuses commands on a transfer that does not exist', () => {
    expect(refusal(null, approve('c1'))).toEqual({ code: 'TRANSFER_NOT_FOUND', field: 'transferId' });
  });
});

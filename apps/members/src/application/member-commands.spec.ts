import { AuthError } from '@lianjian/auth';
import { WrongExpectedVersionError } from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import { testCaller } from '@lianjian/testing';
import { loadMemberRules } from '../settings';
import { citizenIdFor, membersTestWorld, registerFullMember } from '../testing/in-memory-ports';

// Command handlers of each family on in-memory ports: scope, rules, expected versions and replays, what is appended.
const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const B1_ADMIN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'b-1' });
const rules = loadMemberRules(null);

const typesOn = async (w: ReturnType<typeof membersTestWorld>, memberId: string) =>
  (await w.store.readStream(memberStreamId(memberId))).map((e) => e.type);

describe('pipeline handlers', () => {
  it('designates an activist on the loaded state, refusing a date out of order, another district and a stale version', async () => {
    const w = membersTestWorld(rules);
    const applicant = await registerFullMember(w, 41, {
      appliedOn: '2024-03-01',
      joinedOn: null,
      fullMembershipOn: null,
    });
    expect(applicant.stage).toBe('Applicant');
    await expect(
      w.pipeline.designateActivist(HUANGPU, { memberId: applicant._id, on: '2024-02-01' }),
    ).rejects.toMatchObject({ code: 'DATE_OUT_OF_ORDER', field: 'on' });
    await expect(
      w.pipeline.designateActivist(XUHUI, { memberId: applicant._id, on: '2024-06-01' }),
    ).rejects.toBeInstanceOf(AuthError);
    await expect(
      w.pipeline.designateActivist(HUANGPU, { memberId: applicant._id, on: '2024-06-01', expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(WrongExpectedVersionError);
    const before = w.appended.count;
    const activist = await w.pipeline.designateActivist(HUANGPU, {
      memberId: applicant._id,
      on: '2024-06-01',
      expectedVersion: applicant.version,
      commandId: 'activist-1',
    });
    expect(activist).toMatchObject({ stage: 'Activist', version: applicant.version + 1 });
    expect(w.appended.count).toBe(before + 1);
    // the client's retry of the same command: the earlier result, nothing appended again
    const retried = await w.pipeline.designateActivist(HUANGPU, {
      memberId: applicant._id,
      on: '2024-06-01',
      commandId: 'activist-1',
    });
    expect(retried).toMatchObject({ stage: 'Activist', version: activist.version });
    expect(await w.store.streamVersion(memberStreamId(applicant._id))).toBe(activist.version);
    await expect(w.pipeline.designateActivist(HUANGPU, { memberId: 'nobody', on: '2024-06-01' })).rejects.toMatchObject(
      { code: 'MEMBER_NOT_FOUND' },
    );
  });

  it('checks sponsors against the read model, and takes an approval only from an organization above the branch', async () => {
    const w = membersTestWorld(rules);
    const sponsors = [await registerFullMember(w, 43), await registerFullMember(w, 45)];
    const applicant = await registerFullMember(w, 47, {
      appliedOn: '2024-03-01',
      activistOn: '2024-06-01',
      joinedOn: null,
      fullMembershipOn: null,
    });
    await expect(
      w.pipeline.designateDevelopmentCandidate(HUANGPU, {
        memberId: applicant._id,
        on: '2025-07-01',
        sponsorIds: [sponsors[0]!._id, 'nobody'],
      }),
    ).rejects.toMatchObject({ code: 'SPONSORS_INVALID', field: 'sponsorIds' });
    const candidate = await w.pipeline.designateDevelopmentCandidate(B1_ADMIN, {
      memberId: applicant._id,
      on: '2025-07-01',
      sponsorIds: sponsors.map((s) => s._id),
    });
    expect(candidate).toMatchObject({ stage: 'DevelopmentCandidate', sponsorIds: sponsors.map((s) => s._id) });
    await expect(
      w.pipeline.approveAdmission(HUANGPU, {
        memberId: applicant._id,
        approvedOn: '2025-08-01',
        approverOrganizationId: 'b-1',
      }),
    ).rejects.toMatchObject({ code: 'APPROVER_NOT_SUPERIOR' });
    // the branch's own admin may not approve for the district committee above it
    await expect(
      w.pipeline.approveAdmission(B1_ADMIN, {
        memberId: applicant._id,
        approvedOn: '2025-08-01',
        approverOrganizationId: 'huangpu',
      }),
    ).rejects.toBeInstanceOf(AuthError);
  });
});

describe('status handler', () => {
  it('changes a membership status by the rules, and refuses what the rules refuse', async () => {
    const w = membersTestWorld(rules);
    const member = await registerFullMember(w, 51);
    await expect(
      w.status.changeStatus(HUANGPU, { memberId: member._id, status: 'Suspended', on: '2026-01-01', reason: '失联' }),
    ).rejects.toMatchObject({ code: 'LOST_CONTACT_TOO_SHORT' });
    await expect(
      w.status.changeStatus(HUANGPU, { memberId: member._id, status: 'Normal', on: '2026-01-01', reason: '-' }),
    ).rejects.toMatchObject({ code: 'NOTHING_CHANGES' });
    await expect(
      w.status.changeStatus(XUHUI, { memberId: member._id, status: 'Retained', on: '2026-01-01', reason: '出国' }),
    ).rejects.toBeInstanceOf(AuthError);
    const retained = await w.status.changeStatus(HUANGPU, {
      memberId: member._id,
      status: 'Retained',
      on: '2026-01-01',
      reason: '出国',
    });
    expect(retained.status).toBe('Retained');
    expect(await typesOn(w, member._id)).toContain('MembershipStatusChanged');
  });
});

describe('dues handlers', () => {
  it('bills a branch once per month, lists members without a declared income, and takes payments', async () => {
    const w = membersTestWorld(rules);
    const paying = await registerFullMember(w, 61, { monthlyIncome: 8000 });
    const undeclared = await registerFullMember(w, 63);
    await expect(w.dues.issueDuesBills(XUHUI, { organizationId: 'b-1', month: '2026-05' })).rejects.toBeInstanceOf(
      AuthError,
    );
    const first = await w.dues.issueDuesBills(HUANGPU, { organizationId: 'b-1', month: '2026-05' });
    expect(first).toEqual({ billed: 1, alreadyBilled: 0, notBillable: 0, incomeNotDeclared: [undeclared._id] });
    await w.support.ports.ownWrites.reachOwnWrites();
    const again = await w.dues.issueDuesBills(HUANGPU, { organizationId: 'b-1', month: '2026-05' });
    expect(again).toMatchObject({ billed: 0, alreadyBilled: 1, incomeNotDeclared: [undeclared._id] });

    const bill = (await w.support.load(paying._id)).view.bills.find((b) => b.month === '2026-05')!;
    expect(bill.amount).toBeGreaterThan(0);
    const self = testCaller('MEMBER', { memberId: paying._id, organizationId: 'b-1' });
    const other = testCaller('MEMBER', { memberId: undeclared._id, organizationId: 'b-1' });
    await expect(
      w.dues.payDues(other, { memberId: paying._id, months: ['2026-05'], amount: bill.amount }),
    ).rejects.toBeInstanceOf(AuthError);
    await expect(
      w.dues.payDues(self, { memberId: paying._id, months: ['2026-05'], amount: bill.amount + 1 }),
    ).rejects.toMatchObject({ code: 'DUES_AMOUNT_MISMATCH' });
    const paid = await w.dues.payDues(self, { memberId: paying._id, months: ['2026-05'], amount: bill.amount });
    expect(paid.bills.find((b) => b.month === '2026-05')?.paidOn).toBe('2026-06-15');
    const events = await w.store.readStream(memberStreamId(paying._id));
    expect(events.at(-1)).toMatchObject({ type: 'DuesPaid', data: { paidBy: paying._id, onBehalf: false } });
    await expect(
      w.dues.payDues(HUANGPU, { memberId: paying._id, months: ['2026-05'], amount: bill.amount }),
    ).rejects.toMatchObject({ code: 'DUES_ALREADY_PAID' });
  });

  it('declares a dues base from this month unless told otherwise', async () => {
    const w = membersTestWorld(rules);
    const member = await registerFullMember(w, 65);
    const declared = await w.dues.declareDuesBase(HUANGPU, {
      memberId: member._id,
      category: 'Employed',
      monthlyIncome: 5000,
    });
    expect(declared.monthlyIncome).toBe(5000);
    expect((await w.store.readStream(memberStreamId(member._id))).at(-1)).toMatchObject({
      type: 'DuesBaseDeclared',
      data: { effectiveFrom: '2026-06', monthlyIncome: 5000 },
    });
  });
});

describe('personal data erasure', () => {
  it('shreds the key, releases the citizen ID and keeps the history; only a city or district admin may', async () => {
    const w = membersTestWorld(rules);
    const id = citizenIdFor('19800101', 71);
    const member = await registerFullMember(w, 71, { phone: '13900002222' });
    expect(w.citizenIds.byIndex.has(w.vault.blindIndex(id))).toBe(true);
    await expect(
      w.erasure.erasePersonalData(B1_ADMIN, { memberId: member._id, reason: '本人申请' }),
    ).rejects.toBeInstanceOf(AuthError);
    await expect(
      w.erasure.erasePersonalData(XUHUI, { memberId: member._id, reason: '本人申请' }),
    ).rejects.toBeInstanceOf(AuthError);
    const erased = await w.erasure.erasePersonalData(HUANGPU, { memberId: member._id, reason: '本人申请' });
    expect(erased).toMatchObject({ protectedData: null, personalDataErasedOn: '2026-06-15', stage: 'FullMember' });
    expect(w.keys.byId.has(member._id)).toBe(false);
    expect(w.citizenIds.byIndex.has(w.vault.blindIndex(id))).toBe(false);
    expect(await w.vault.reveal(member._id, member.protectedData!)).toBeNull();
    expect(await typesOn(w, member._id)).toEqual(expect.arrayContaining(['MemberRegistered', 'PersonalDataErased']));
    // the person may be registered again, as a new member
    const again = await registerFullMember(w, 71);
    expect(again._id).not.toBe(member._id);
  });

  it('reveals in full only within role and scope, writing an audit entry first; masks otherwise', async () => {
    const w = membersTestWorld(rules);
    const id = citizenIdFor('19800101', 73);
    const member = await registerFullMember(w, 73, { phone: '13900003333' });
    expect(await w.personalData.personalData(XUHUI, member, 'idNumber', false)).toBe(
      `${id.slice(0, 4)}**********${id.slice(-4)}`,
    );
    await expect(w.personalData.personalData(XUHUI, member, 'idNumber', true)).rejects.toBeInstanceOf(AuthError);
    await expect(
      w.personalData.personalData(testCaller('ANALYTICS_READER'), member, 'phone', true),
    ).rejects.toBeInstanceOf(AuthError);
    expect(w.audit.entries).toEqual([]);
    expect(await w.personalData.personalData(B1_ADMIN, member, 'phone', true)).toBe('13900003333');
    expect(await w.personalData.personalDataAudit(CITY, member._id)).toMatchObject([
      { memberId: member._id, field: 'phone', actor: B1_ADMIN.subject, role: 'ORGANIZATION_ADMIN' },
    ]);
  });
});

describe('lapse handlers', () => {
  it('records lost contact and restored contact, and takes a lapse decision only from a superior', async () => {
    const w = membersTestWorld(rules);
    const member = await registerFullMember(w, 81);
    const lost = await w.lapse.recordLostContact(HUANGPU, { memberId: member._id, since: '2025-01-01' });
    expect(lost.lostContactSince).toBe('2025-01-01');
    const restored = await w.lapse.recordContactRestored(B1_ADMIN, { memberId: member._id, on: '2025-03-01' });
    expect(restored.lostContactSince).toBeNull();
    await expect(
      w.lapse.recordLapseDecision(HUANGPU, {
        memberId: member._id,
        decision: 'Keep',
        branchDecidedOn: '2026-01-01',
        approvedOn: '2026-02-01',
        approverOrganizationId: 'xuhui',
      }),
    ).rejects.toMatchObject({ code: 'APPROVER_NOT_SUPERIOR' });
  });
});

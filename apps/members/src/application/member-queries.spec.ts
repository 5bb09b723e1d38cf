import { AuthError } from '@lianjian/auth';
import { testCaller } from '@lianjian/testing';
import { loadMemberRules } from '../settings';
import { membersTestWorld, registerFullMember } from '../testing/in-memory-ports';
import { DuesQueries } from './dues/dues.queries';
import { LapseQueries } from './lapse/lapse.queries';
import { MemberQueries } from './lookup/member.queries';
import { PipelineQueries } from './pipeline/pipeline.queries';

// Query families on in-memory ports: always within the caller's scope, from the read models.
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const rules = loadMemberRules(null);

const world = () => {
  const w = membersTestWorld(rules);
  return {
    ...w,
    duesQueries: new DuesQueries(w.selection),
    lapseQueries: new LapseQueries(w.selection, w.attendance),
    pipelineQueries: new PipelineQueries(w.selection),
    lookup: new MemberQueries(w.selection),
  };
};

describe('member queries by family', () => {
  it('lists dues arrears and the collection rate of the caller’s organizations only', async () => {
    const w = world();
    const paying = await registerFullMember(w, 91, { monthlyIncome: 8000 });
    const owing = await registerFullMember(w, 93, { monthlyIncome: 3000 });
    await w.dues.issueDuesBills(HUANGPU, { organizationId: 'b-1', month: '2026-05' });
    await w.support.ports.ownWrites.reachOwnWrites();
    const bill = (await w.members.get(paying._id))!.bills[0]!;
    await w.dues.payDues(HUANGPU, { memberId: paying._id, months: ['2026-05'], amount: bill.amount });
    await w.support.ports.ownWrites.reachOwnWrites();

    const arrears = await w.duesQueries.duesArrears(HUANGPU, { organizationId: 'b-1', includeSubtree: true });
    expect(arrears.map((r) => [r.member._id, r.months])).toEqual([[owing._id, ['2026-05']]]);
    expect(await w.duesQueries.duesArrears(XUHUI, {})).toEqual([]);
    await expect(w.duesQueries.duesArrears(XUHUI, { organizationId: 'b-1' })).rejects.toBeInstanceOf(AuthError);
    const rate = await w.duesQueries.duesCollection(HUANGPU, 'huangpu', '2026-01', '2026-12');
    expect(rate).toMatchObject({ billedMembers: 2, paidMembers: 1, memberRate: 0.5 });
    expect(await w.duesQueries.monthlyDues((await w.members.get(paying._id))!)).toBe(bill.amount);
  });

  it('finds lapse candidates from the last meeting attended, and probations ending', async () => {
    const w = world();
    const absent = await registerFullMember(w, 95);
    const active = await registerFullMember(w, 97);
    const probationary = await registerFullMember(w, 99, { joinedOn: '2025-07-01', fullMembershipOn: null });
    w.setToday('2027-06-15'); // a year on: the absent member has had no organizational life since registering
    await w.attendance.recordAttended([active._id], '2027-06-01');
    const candidates = await w.lapseQueries.lapseCandidates(HUANGPU, { organizationId: 'b-1' });
    expect(candidates.map((c) => c.member._id)).toContain(absent._id);
    expect(candidates.map((c) => c.member._id)).not.toContain(active._id);
    expect(await w.lapseQueries.lastMeetingOn(active)).toBe('2027-06-01');
    expect(await w.lapseQueries.lapseCandidates(XUHUI, {})).toEqual([]);

    const deadlines = await w.pipelineQueries.pipelineDeadlines(HUANGPU, { organizationId: 'b-1' }, null);
    expect(deadlines.map((d) => d.member._id)).toEqual([probationary._id]);
    expect(deadlines[0]!.deadline).toMatchObject({ dueOn: '2026-07-01', status: 'OVERDUE' });
    expect(await w.pipelineQueries.pipelineDeadlines(HUANGPU, {}, 'DUE')).toEqual([]);
  });

  it('finds a member by id, by card and in pages, within the caller’s scope; a bad card number is refused on its field', async () => {
    const w = world();
    const a = await registerFullMember(w, 95);
    const b = await registerFullMember(w, 97);
    await w.support.ports.ownWrites.reachOwnWrites();
    expect(await w.lookup.memberByCard(HUANGPU, ` ${a._id} `)).toMatchObject({ _id: a._id });
    await expect(w.lookup.member(XUHUI, a._id)).rejects.toBeInstanceOf(AuthError);
    expect(await w.lookup.member(HUANGPU, '8000000000000000')).toBeNull();
    await expect(w.lookup.memberByCard(HUANGPU, '1234')).rejects.toMatchObject({
      code: 'CARD_NUMBER_INVALID',
      field: 'cardNumber',
    });
    expect((await w.lookup.membersByIds(XUHUI, [a._id, b._id])).every((m) => m === null)).toBe(true);
    const first = await w.lookup.members(HUANGPU, { organizationId: 'b-1' }, { first: 1, after: null });
    expect(first).toMatchObject({ totalCount: 2, hasNextPage: true });
    const second = await w.lookup.members(HUANGPU, { organizationId: 'b-1' }, { first: 1, after: first.endCursor });
    expect([...first.items, ...second.items].map((m) => m._id).sort()).toEqual([a._id, b._id].sort());
    expect((await w.lookup.members(XUHUI, {}, { first: 10, after: null })).totalCount).toBe(0);
  });
});

import { type Step, refusalOf, replay } from './decider.testing';
import { type NeedCommand, type NeedState, decideNeed, evolveNeed, needOutcome } from './need';

const today = '2026-11-20';
type S = Step<NeedCommand>;
const run = (...steps: S[]) => replay(decideNeed, evolveNeed, null as NeedState, today, steps);
const given = (...steps: S[]): NeedState => run(...steps).state;
const refusal = (state: NeedState, step: S) => refusalOf(() => decideNeed({ ...step, today }, state));

const submit: Extract<S, { kind: 'SubmitNeed' }> = {
  kind: 'SubmitNeed',
  needId: 'n-1',
  councilId: 'c-1',
  needKind: 'Need',
  category: 'PublicServices',
  title: ' 加装电梯 ',
  description: ' 6层老楼，老人上下楼难 ',
  place: ' 山海关路100弄 ',
  submitterKind: 'Resident',
  unitId: null,
  contact: 'sealed:v1:abc',
  channel: 'PublicForm',
  submittedOn: '2026-03-01',
};
const wish: S = { ...submit, needId: 'w-1', needKind: 'Wish', title: '一台轮椅' };
const takeUp: S = { kind: 'TakeUpNeed', projectId: 'p-1', takenUpOn: '2026-03-05' };
const claim: S = { kind: 'ClaimWish', unitId: 'u-1', memberUnitIds: ['u-1', 'u-2'], claimedOn: '2026-03-05' };
const serve: S = { kind: 'ServeNeed', servedOn: '2026-04-01' };
const decline: S = { kind: 'DeclineNeed', reason: ' 不属于本社区 ', declinedOn: '2026-03-05' };

describe('a need, wish or idea', () => {
  it('is submitted open, its texts trimmed and its sealed contact kept as given', () => {
    const { events, state } = run(submit);
    expect(events).toEqual([
      {
        type: 'NeedSubmitted',
        data: {
          needId: 'n-1',
          councilId: 'c-1',
          needKind: 'Need',
          category: 'PublicServices',
          title: '加装电梯',
          description: '6层老楼，老人上下楼难',
          place: '山海关路100弄',
          submitterKind: 'Resident',
          unitId: null,
          contact: 'sealed:v1:abc',
          channel: 'PublicForm',
          submittedOn: '2026-03-01',
        },
      },
    ]);
    expect(state).toMatchObject({ status: 'Open', lastStepOn: '2026-03-01', projectId: null });
    expect(given({ ...submit, place: ' ', contact: null })).toMatchObject({ place: null, contact: null });
    expect(given({ ...submit, submitterKind: 'Unit', unitId: 'u-1' })).toMatchObject({ unitId: 'u-1' });
  });

  it('screens the personal data a resident wrote into the title, description or place before it is published', () => {
    const { events } = run({
      ...submit,
      title: '联系13812345678',
      description: '我的身份证号310101199001011234，邮箱a@b.cn',
      place: '6号楼, 电话021-64381234',
    });
    const data = events[0]!.data as { title: string; description: string; place: string };
    expect(data.title).toBe('联系[电话已隐去]');
    expect(data.description).not.toMatch(/13812345678|310101199001011234|a@b\.cn/);
    expect(data.description).toContain('[身份证号已隐去]');
    expect(data.place).toBe('6号楼, 电话[电话已隐去]');
  });

  it('refuses a submission twice, a blank or too long text, a unit missing or out of place, values outside the lists, a future date', () => {
    expect(refusal(given(submit), submit)).toEqual({ code: 'NEED_ALREADY_EXISTS', field: 'needId' });
    expect(refusal(null, { ...submit, title: ' ' })).toEqual({ code: 'NEED_INVALID', field: 'title' });
    expect(refusal(null, { ...submit, title: '梯'.repeat(101) })).toEqual({ code: 'NEED_INVALID', field: 'title' });
    expect(given({ ...submit, title: '梯'.repeat(100) })?.title).toHaveLength(100);
    expect(refusal(null, { ...submit, description: 'x'.repeat(2001) })).toEqual({
      code: 'NEED_INVALID',
      field: 'description',
    });
    expect(refusal(null, { ...submit, submitterKind: 'Unit' })).toEqual({ code: 'NEED_INVALID', field: 'unitId' });
    expect(refusal(null, { ...submit, unitId: 'u-1' })).toEqual({ code: 'NEED_INVALID', field: 'unitId' });
    expect(refusal(null, { ...submit, needKind: 'Complaint' as never })).toEqual({
      code: 'NEED_INVALID',
      field: 'needKind',
    });
    expect(refusal(null, { ...submit, category: 'Other' as never })).toEqual({
      code: 'NEED_INVALID',
      field: 'category',
    });
    expect(refusal(null, { ...submit, submitterKind: 'Robot' as never })).toEqual({
      code: 'NEED_INVALID',
      field: 'submitterKind',
    });
    expect(refusal(null, { ...submit, channel: 'Fax' as never })).toEqual({ code: 'NEED_INVALID', field: 'channel' });
    expect(refusal(null, { ...submit, submittedOn: '2026-11-21' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'submittedOn',
    });
    expect(refusal(null, takeUp)).toEqual({ code: 'NEED_NOT_FOUND', field: 'needId' });
  });

  it('is taken up by one project, then served through it', () => {
    const taken = given(submit, takeUp);
    expect(taken).toMatchObject({ status: 'TakenUp', projectId: 'p-1' });
    expect(decideNeed({ ...takeUp, today }, taken)).toEqual([]);
    expect(refusal(taken, { ...takeUp, projectId: 'p-2' })).toEqual({
      code: 'NEED_STATE_NOT_ALLOWED',
      field: 'needId',
    });
    expect(refusal(taken, decline)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    const { events, state } = replay(decideNeed, evolveNeed, taken, today, [serve]);
    expect(events).toEqual([{ type: 'NeedServed', data: { needId: 'n-1', servedOn: '2026-04-01', projectId: 'p-1' } }]);
    expect(needOutcome(state)).toEqual({
      needId: 'n-1',
      needKind: 'Need',
      status: 'Served',
      since: '2026-04-01',
      projectId: 'p-1',
      claimedByUnitId: null,
      reason: null,
    });
    expect(refusal(state, serve)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    expect(refusal(state, takeUp)).toMatchObject({ code: 'NEED_STATE_NOT_ALLOWED' });
    expect(refusal(given(submit), serve)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
  });

  it('is released only by the project that took it up, back to Open for another project (a retry is harmless)', () => {
    const release: S = { kind: 'ReleaseNeed', projectId: 'p-1', releasedOn: '2026-03-06' };
    const taken = given(submit, takeUp);
    const { events, state } = replay(decideNeed, evolveNeed, taken, today, [release]);
    expect(events).toEqual([
      { type: 'NeedReleased', data: { needId: 'n-1', projectId: 'p-1', releasedOn: '2026-03-06' } },
    ]);
    expect(state).toMatchObject({ status: 'Open', projectId: null, lastStepOn: '2026-03-06' });
    expect(decideNeed({ ...release, today }, state)).toEqual([]);
    expect(decideNeed({ ...release, today }, given(submit))).toEqual([]);
    expect(given(submit, takeUp, release, { ...takeUp, projectId: 'p-2', takenUpOn: '2026-03-07' })).toMatchObject({
      status: 'TakenUp',
      projectId: 'p-2',
    });
    expect(refusal(taken, { ...release, projectId: 'p-2' })).toEqual({
      code: 'NEED_STATE_NOT_ALLOWED',
      field: 'needId',
    });
    expect(refusal(given(submit, takeUp, serve), release)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    expect(refusal(given(wish, claim), release)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    expect(refusal(given(submit, decline), release)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    expect(refusal(taken, { ...release, releasedOn: '2026-03-04' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'releasedOn',
    });
    expect(refusal(null, release)).toEqual({ code: 'NEED_NOT_FOUND', field: 'needId' });
  });

  it('takes an idea up into a project too', () => {
    expect(given({ ...submit, needKind: 'Idea' }, takeUp)).toMatchObject({ needKind: 'Idea', status: 'TakenUp' });
  });

  it('lets a member unit claim a wish directly, then serve it', () => {
    const claimed = given(wish, claim);
    expect(claimed).toMatchObject({ status: 'Claimed', claimedByUnitId: 'u-1' });
    expect(decideNeed({ ...claim, today }, claimed)).toEqual([]);
    expect(refusal(claimed, { ...claim, unitId: 'u-2' })).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    expect(refusal(claimed, takeUp)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    const { events, state } = replay(decideNeed, evolveNeed, claimed, today, [serve]);
    expect(events).toEqual([{ type: 'NeedServed', data: { needId: 'w-1', servedOn: '2026-04-01', projectId: null } }]);
    expect(needOutcome(state)).toMatchObject({ status: 'Served', claimedByUnitId: 'u-1', projectId: null });
    expect(refusal(given(wish), { ...claim, unitId: 'u-9' })).toEqual({ code: 'UNIT_NOT_MEMBER', field: 'unitId' });
    expect(refusal(given(submit), claim)).toEqual({ code: 'NEED_NOT_A_WISH', field: 'needId' });
    expect(refusal(given({ ...submit, needKind: 'Idea' }), claim)).toEqual({
      code: 'NEED_NOT_A_WISH',
      field: 'needId',
    });
    expect(refusal(given(wish, takeUp), claim)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
  });

  it('is declined only while open, with a reason the submitter is told', () => {
    const declined = given(submit, decline);
    expect(needOutcome(declined)).toEqual({
      needId: 'n-1',
      needKind: 'Need',
      status: 'Declined',
      since: '2026-03-05',
      projectId: null,
      claimedByUnitId: null,
      reason: '不属于本社区',
    });
    expect(refusal(declined, takeUp)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    expect(refusal(declined, decline)).toEqual({ code: 'NEED_STATE_NOT_ALLOWED', field: 'needId' });
    expect(refusal(given(submit), { ...decline, reason: '' })).toEqual({ code: 'NEED_INVALID', field: 'reason' });
    expect(needOutcome(given(submit))).toMatchObject({ status: 'Open', since: '2026-03-01', reason: null });
    expect(needOutcome(null)).toBeNull();
  });

  it('dates each step not before the last nor after today', () => {
    const open = given(wish);
    expect(refusal(open, { ...takeUp, takenUpOn: '2026-02-28' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'takenUpOn',
    });
    expect(refusal(open, { ...takeUp, takenUpOn: '2026-12-01' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'takenUpOn',
    });
    expect(refusal(open, { ...claim, claimedOn: '2026-02-28' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'claimedOn',
    });
    expect(refusal(open, { ...decline, declinedOn: '2026-02-28' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'declinedOn',
    });
    expect(refusal(given(wish, claim), { ...serve, servedOn: '2026-03-04' })).toEqual({
      code: 'DATE_OUT_OF_ORDER',
      field: 'servedOn',
    });
    expect(refusal(given(wish, claim), { ...serve, servedOn: '2026-11-21' })).toEqual({
      code: 'DATE_IN_FUTURE',
      field: 'servedOn',
    });
  });
});

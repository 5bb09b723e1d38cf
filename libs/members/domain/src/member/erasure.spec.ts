import { dated, given, refusal, register, today } from './member.fixtures';

describe('personal data', () => {
  it('erases once: the ciphertext is dropped from the state, history stays', () => {
    const m = given(register({ joinedOn: '2010-07-01' }), {
      kind: 'ErasePersonalData',
      on: today,
      reason: '申请删除',
      ...dated,
    });
    expect(m).toMatchObject({ protectedData: null, personalDataErasedOn: today, stage: 'ProbationaryMember' });
    expect(refusal(m, { kind: 'ErasePersonalData', on: today, reason: 'again', ...dated })).toMatchObject({
      code: 'PERSONAL_DATA_ERASED',
    });
  });
});

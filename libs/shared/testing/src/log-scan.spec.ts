import { PersonalDataSent, isCitizenIdNumber, leakingLines } from './log-scan';

describe('scanning service logs for personal data in clear', () => {
  const id = '110101199003077571'; // check digit right
  it('finds a value the test used, and any valid citizen ID number, reporting the line without the value', () => {
    const log = [
      '{"level":30,"msg":"request completed","req":{"method":"POST","path":"/graphql"}}',
      '{"level":40,"msg":"refused 赵删除 in b-1"}',
      `{"level":50,"err":"duplicate key ${id}"}`,
      '{"level":30,"time":1732838400000,"member":"8000000000000001","phone":"138****5678"}',
    ].join('\n');
    const leaks = leakingLines('apps/members/src/main.ts', log, ['赵删除', '13712345678']);
    expect(leaks.map((l) => l.kind)).toEqual(['value-used-by-the-test', 'citizen-id']);
    expect(leaks.map((l) => l.line).join('\n')).not.toMatch(/赵删除|110101199003077571/);
  });

  it('tells a citizen ID number by its check digit, not any 18 digits', () => {
    expect(isCitizenIdNumber(id)).toBe(true);
    expect(isCitizenIdNumber('110101199003077578')).toBe(false);
    expect(leakingLines('x', '{"n":"110101199003077578"}', [])).toEqual([]);
  });

  it('records the personal data a test sends: variables, inline arguments and the cells of an imported file', () => {
    const sent = new PersonalDataSent();
    sent.record({ input: { organizationId: 'b-1', name: '市委', secretary: { name: '王书记', memberId: null } } });
    sent.record({ input: { name: '李明', idNumber: id, phone: '13812345678', ethnicity: '汉族' } });
    sent.record({ input: { absentees: [{ memberId: 'm-1', reason: '病假' }] } });
    sent.recordQuery(
      'mutation { electLeadership(input: { secretary: { name: "赵书记" }, organizationId: "c-1" }) { id } }',
    );
    sent.record({ input: { content: `姓名,性别,公民身份号码,手机号码\n"张,三",男,${id},13900001111\n` } });
    expect([...sent.values].sort()).toEqual(
      ['王书记', '李明', id, '13812345678', '病假', '赵书记', '张,三', '13900001111'].sort(),
    );
  });
});

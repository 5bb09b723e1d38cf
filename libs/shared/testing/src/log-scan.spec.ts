import { isCitizenIdNumber, leakingLines } from './log-scan';

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
});

import { checkDigitOf } from './citizen-id';
import { normalizeDate, readHeader, readMemberRow } from './csv';

const id = (body17: string) => `${body17}${checkDigitOf(body17)}`;

describe('rows of a legacy member export (the CSV is read in apps/members infrastructure)', () => {
  it('normalizes the date styles legacy systems write', () => {
    expect(normalizeDate('2010-07-01')).toBe('2010-07-01');
    expect(normalizeDate('2010/7/1')).toBe('2010-07-01');
    expect(normalizeDate('2010年7月1日')).toBe('2010-07-01');
    expect(normalizeDate('20100701')).toBe('2010-07-01');
    expect(normalizeDate('2010-02-30')).toBeNull();
    expect(normalizeDate('2021/2/29')).toBeNull();
    expect(normalizeDate('2020年13月1日')).toBeNull();
    expect(normalizeDate('2020.02.29')).toBe('2020-02-29');
  });

  it('reads a valid row into a member with their pipeline history', () => {
    const header = readHeader([
      '姓名',
      '性别',
      '公民身份号码',
      '人员类别',
      '入党日期',
      '转正日期',
      '所在党组织编号',
      '党内职务',
      '月收入',
    ]);
    expect(header.missing).toEqual([]);
    const row = readMemberRow(
      ['张伟', '男', id('31010119800202001'), '在职', '2010/7/1', '2011-07-01', 'b-1', '书记、委员', '8,000'],
      header.index,
      '2026-11-22',
    );
    expect(row).toEqual({
      member: expect.objectContaining({
        name: '张伟',
        gender: 'Male',
        birthDate: '1980-02-02',
        category: 'Employed',
        status: 'Normal',
        organizationId: 'b-1',
        posts: ['书记', '委员'],
        monthlyIncome: 8000,
        history: {
          appliedOn: null,
          activistOn: null,
          candidateOn: null,
          joinedOn: '2010-07-01',
          fullMembershipOn: '2011-07-01',
        },
      }),
    });
  });

  it('reports every problem of an invalid row, by field', () => {
    const header = readHeader(['姓名', '性别', '公民身份号码', '人员类别', '入党日期', '所在党组织编号', '手机号码']);
    const row = readMemberRow(
      ['', '女', id('31010119800202001'), '火星人', '2010-13-01', 'b-1', '123'],
      header.index,
      '2026-11-22',
    );
    expect('problems' in row && row.problems.map((p) => p.field)).toEqual([
      'name',
      'gender',
      'phone',
      'category',
      'joinedOn',
    ]);
  });

  it('names the required columns a header lacks', () => {
    expect(readHeader(['姓名', '性别']).missing).toEqual(['idNumber', 'category', 'organizationId']);
  });
});

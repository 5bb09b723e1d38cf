import { type CitizenIdCheck, checkCitizenId, isMobilePhone } from './citizen-id';
import { type IsoDate, isIsoDate } from '@lianjian/calendar';
import { type MemberCategory, type MembershipStatus } from './model';
import { type PipelineHistory } from './member';

/** The documented column layout of a legacy member export (docs/members-import.md). */
export const IMPORT_COLUMNS = {
  name: '姓名',
  gender: '性别',
  ethnicity: '民族',
  idNumber: '公民身份号码',
  phone: '手机号码',
  education: '学历',
  category: '人员类别',
  appliedOn: '申请入党日期',
  activistOn: '确定积极分子日期',
  candidateOn: '确定发展对象日期',
  joinedOn: '入党日期',
  fullMembershipOn: '转正日期',
  status: '党籍状态',
  organizationId: '所在党组织编号',
  unitId: '工作单位编号',
  monthlyIncome: '月收入',
  posts: '党内职务',
} as const;
export type ImportColumn = keyof typeof IMPORT_COLUMNS;
const REQUIRED: readonly ImportColumn[] = ['name', 'gender', 'idNumber', 'category', 'organizationId'];

const GENDERS: Record<string, 'Male' | 'Female'> = { 男: 'Male', 女: 'Female' };
const CATEGORY_NAMES: Record<string, MemberCategory> = {
  在职: 'Employed',
  在职职工: 'Employed',
  离退休: 'Retired',
  退休: 'Retired',
  学生: 'Student',
  无业: 'Unemployed',
  失业: 'Unemployed',
  低保: 'Relief',
  低保对象: 'Relief',
  农民: 'Farmer',
  农牧渔民: 'Farmer',
  其他: 'Other',
};
const STATUS_NAMES: Record<string, MembershipStatus> = {
  正常: 'Normal',
  保留: 'Retained',
  保留党籍: 'Retained',
  停止: 'Suspended',
  停止党籍: 'Suspended',
  恢复: 'Restored',
  恢复党籍: 'Restored',
};

export interface ImportedMember {
  readonly name: string;
  readonly gender: 'Male' | 'Female';
  readonly birthDate: IsoDate;
  readonly ethnicity: string;
  readonly education: string;
  readonly idNumber: string;
  readonly phone: string | null;
  readonly category: MemberCategory;
  readonly history: PipelineHistory;
  readonly status: MembershipStatus;
  readonly organizationId: string;
  readonly unitId: string | null;
  readonly monthlyIncome: number | null;
  readonly posts: string[];
}

export interface RowProblem {
  readonly field: ImportColumn;
  readonly reason: string;
}

/** Maps header names to column indexes; reports missing required columns. */
export function readHeader(fields: readonly string[]): {
  index: Partial<Record<ImportColumn, number>>;
  missing: ImportColumn[];
} {
  const index: Partial<Record<ImportColumn, number>> = {};
  for (const [key, title] of Object.entries(IMPORT_COLUMNS) as Array<[ImportColumn, string]>) {
    const at = fields.findIndex((f) => f.trim() === title);
    if (at >= 0) index[key] = at;
  }
  return { index, missing: REQUIRED.filter((c) => index[c] === undefined) };
}

/** `2019-07-01`, `2019/7/1`, `2019.07.01` or `20190701` → `2019-07-01`. */
export function normalizeDate(value: string): IsoDate | null {
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(value.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
}

/** Checks and converts one CSV record; every problem of the row is reported, not only the first. */
export function readMemberRow(
  fields: readonly string[],
  index: Partial<Record<ImportColumn, number>>,
  today: IsoDate,
): { member: ImportedMember } | { problems: RowProblem[] } {
  const get = (c: ImportColumn): string => (index[c] === undefined ? '' : (fields[index[c]] ?? '').trim());
  const problems: RowProblem[] = [];
  for (const c of REQUIRED) if (!get(c)) problems.push({ field: c, reason: `${IMPORT_COLUMNS[c]} is required` });
  const id: CitizenIdCheck | null = get('idNumber') ? checkCitizenId(get('idNumber'), today) : null;
  if (id && !id.valid) problems.push({ field: 'idNumber', reason: id.reason });
  const gender = GENDERS[get('gender')];
  if (get('gender') && !gender)
    problems.push({ field: 'gender', reason: `性别 must be 男 or 女, not "${get('gender')}"` });
  if (id?.valid && gender && id.gender !== gender)
    problems.push({ field: 'gender', reason: `性别 ${get('gender')} contradicts the citizen ID number` });
  const phone = get('phone') || null;
  if (phone && !isMobilePhone(phone)) problems.push({ field: 'phone', reason: `"${phone}" is not a mobile number` });
  const category = CATEGORY_NAMES[get('category')];
  if (get('category') && !category)
    problems.push({
      field: 'category',
      reason: `unknown 人员类别 "${get('category')}" (${Object.keys(CATEGORY_NAMES).join('/')})`,
    });
  const status = get('status') ? STATUS_NAMES[get('status')] : 'Normal';
  if (!status)
    problems.push({
      field: 'status',
      reason: `unknown 党籍状态 "${get('status')}" (${Object.keys(STATUS_NAMES).join('/')})`,
    });
  const date = (c: ImportColumn): IsoDate | null => {
    const raw = get(c);
    if (!raw) return null;
    const value = normalizeDate(raw);
    if (!value) problems.push({ field: c, reason: `${IMPORT_COLUMNS[c]} "${raw}" is not a date` });
    return value;
  };
  const history: PipelineHistory = {
    appliedOn: date('appliedOn'),
    activistOn: date('activistOn'),
    candidateOn: date('candidateOn'),
    joinedOn: date('joinedOn'),
    fullMembershipOn: date('fullMembershipOn'),
  };
  if (!Object.values(history).some(Boolean) && !problems.some((p) => p.field in history))
    problems.push({ field: 'joinedOn', reason: 'give at least 入党日期 or 申请入党日期' });
  const incomeText = get('monthlyIncome');
  const monthlyIncome = incomeText ? Number(incomeText.replace(/,/g, '')) : null;
  if (monthlyIncome !== null && (!Number.isFinite(monthlyIncome) || monthlyIncome < 0))
    problems.push({ field: 'monthlyIncome', reason: `月收入 "${incomeText}" is not an amount` });
  if (problems.length > 0 || !id?.valid || !gender || !category || !status) return { problems };
  return {
    member: {
      name: get('name'),
      gender,
      birthDate: id.birthDate,
      ethnicity: get('ethnicity') || '汉族',
      education: get('education'),
      idNumber: id.normalized,
      phone,
      category,
      history,
      status,
      organizationId: get('organizationId'),
      unitId: get('unitId') || null,
      monthlyIncome,
      posts: get('posts')
        ? get('posts')
            .split(/[、;；]/)
            .map((p) => p.trim())
            .filter(Boolean)
        : [],
    },
  };
}

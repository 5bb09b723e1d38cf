import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  resourceId: 'r-1',
  councilId: 'jc-1',
  unitId: 'u-2',
  resourceKind: 'Funds',
  title: '社区公益共建资金',
  quantity: 20000,
  measure: '元',
  categories: ['PublicServices', 'SharedCommunityCulture'],
  place: null,
  availableFrom: '2026-01-01',
  availableUntil: '2026-12-31',
  conditions: '用于社区公共设施和文化活动，项目完成后提供验收材料',
  offeredOn: '2025-12-20',
};

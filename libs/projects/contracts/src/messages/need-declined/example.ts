import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  needId: 'n-3',
  reason: '该事项属于小区物业管理范围，已转交物业服务企业处理',
  declinedOn: '2026-03-28',
};

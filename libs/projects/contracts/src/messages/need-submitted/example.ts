import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  needId: 'n-1',
  councilId: 'jc-1',
  needKind: 'Need',
  category: 'PublicServices',
  title: '小区睦邻活动室改造',
  description: '活动室灯光昏暗、桌椅老旧，老人下棋读报不方便，希望更新照明和桌椅。',
  place: '金陵东路社区睦邻点',
  submitterKind: 'Resident',
  unitId: null,
  contact: 'v1.c2VhbGVkLWNvbnRhY3Q.dGFn.ZGF0YQ',
  channel: 'PublicForm',
  submittedOn: '2026-03-02',
};

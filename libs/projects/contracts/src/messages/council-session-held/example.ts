import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  councilId: 'jc-1',
  sessionId: 's-3',
  heldOn: '2026-03-28',
  attendingUnitIds: ['u-1', 'u-2', 'u-3', 'u-4'],
  resolutions: [
    { number: 1, subject: '通过2026年度社区共建项目清单' },
    { number: 2, subject: '同意睦邻活动室改造项目立项，报社区党委审批' },
  ],
};

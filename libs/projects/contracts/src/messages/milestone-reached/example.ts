import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  milestoneId: 'ms-1',
  title: '照明和桌椅安装完成',
  reachedOn: '2026-05-10',
};

import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  projectId: 'p-1',
  ratingId: '3b6f2c1e-8d4a-4f7b-9c2e-5a1d0e7f6b49',
  councilId: 'jc-1',
  region: { district: 'huangpu', street: 'waitan', community: 'jinling-east' },
  level: 'VerySatisfied',
  comment: '活动室亮堂了，桌椅也换了新的，老人们下棋读报有地方了。希望周末也能开放，有事可打[电话已隐去]联系我。',
  screenedKinds: ['Phone'],
  ratedOn: '2026-06-05',
};

import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { councilId: 'jc-1', unitId: 'u-5', leftOn: '2026-09-30' };

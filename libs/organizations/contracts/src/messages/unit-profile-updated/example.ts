import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { unitId: 'u-1', employees: 150, aboveScale: true };

import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  organizationId: 'b-1',
  name: '外滩街道联合党支部',
  previousName: '外滩街道第一党支部',
  effectiveOn: '2024-03-01',
};

import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = { organizationId: 'b-1', unitIds: ['u-2'], effectiveOn: '2025-01-01' };

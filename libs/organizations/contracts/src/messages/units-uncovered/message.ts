import { Id, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ organizationId: Id, unitIds: Type.Array(Id, { minItems: 1 }), effectiveOn: IsoDate });

export const UnitsUncovered = defineMessage({
  type: 'UnitsUncovered',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description: 'An organization no longer covers these units.',
  payload,
  example,
});

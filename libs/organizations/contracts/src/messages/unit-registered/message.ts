import { Id, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, unitProfile } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ unitId: Id, ...unitProfile });

export const UnitRegistered = defineMessage({
  type: 'UnitRegistered',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.unit,
  key: { ...STREAM_KEYS.unit, of: (data) => streamId('unit', data.unitId) },
  description: 'A unit (enterprise, social organization, institution…) was registered.',
  payload,
  example,
});

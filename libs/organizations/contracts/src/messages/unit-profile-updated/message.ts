import { Id, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, optionalUnitProfile } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ unitId: Id, ...optionalUnitProfile });

export const UnitProfileUpdated = defineMessage({
  type: 'UnitProfileUpdated',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.unit,
  key: { ...STREAM_KEYS.unit, of: (data) => streamId('unit', data.unitId) },
  description: "A unit's profile changed; only the changed fields are present.",
  payload,
  example,
});

import { Id, Text, AnyText, StringEnum, Struct, defineMessage } from '@lianjian/contracts';
import { PLACE_KINDS, STREAM_KEYS, region } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ buildingId: Id, name: Text, kind: StringEnum(PLACE_KINDS), address: AnyText, region });

export const BuildingRegistered = defineMessage({
  type: 'BuildingRegistered',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.building,
  key: { ...STREAM_KEYS.building, of: (data) => streamId('building', data.buildingId) },
  description: 'A building, park or business district was registered.',
  payload,
  example,
});

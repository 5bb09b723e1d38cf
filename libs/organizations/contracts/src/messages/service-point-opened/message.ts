import { Id, Text, Nullable, IsoDate, StringEnum, Struct, Type, defineMessage } from '@lianjian/contracts';
import { SERVICE_POINT_KINDS, STREAM_KEYS, region } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  servicePointId: Id,
  name: Text,
  kind: StringEnum(SERVICE_POINT_KINDS),
  hostOrganizationId: Id,
  buildingId: Nullable(Type.String()),
  region,
  openedOn: IsoDate,
});

export const ServicePointOpened = defineMessage({
  type: 'ServicePointOpened',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.servicePoint,
  key: { ...STREAM_KEYS.servicePoint, of: (data) => streamId('servicePoint', data.servicePointId) },
  description: 'A service point or station opened (not an organization).',
  payload,
  example,
});

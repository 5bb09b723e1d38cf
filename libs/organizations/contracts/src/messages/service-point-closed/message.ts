import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ servicePointId: Id, closedOn: IsoDate });

export const ServicePointClosed = defineMessage({
  type: 'ServicePointClosed',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.servicePoint,
  key: { ...STREAM_KEYS.servicePoint, of: (data) => streamId('servicePoint', data.servicePointId) },
  description: 'A service point or station closed.',
  payload,
  example,
});

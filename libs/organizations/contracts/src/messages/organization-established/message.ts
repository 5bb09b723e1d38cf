import { Id, Text, Nullable, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, organizationType, region } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  organizationId: Id,
  name: Text,
  organizationType,
  parentId: Nullable(Type.String()),
  region,
  buildingId: Nullable(Type.String()),
  establishedOn: IsoDate,
  documentNumber: Text,
});

export const OrganizationEstablished = defineMessage({
  type: 'OrganizationEstablished',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description: 'A party organization was established (成立) under its parent.',
  payload,
  example,
});

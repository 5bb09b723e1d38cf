import { Id, Text, Nullable, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, region } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  organizationId: Id,
  region,
  previousRegion: region,
  parentId: Id,
  previousParentId: Nullable(Type.String()),
  effectiveOn: IsoDate,
  documentNumber: Text,
});

export const OrganizationTransferredToDistrict = defineMessage({
  type: 'OrganizationTransferredToDistrict',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description: 'A whole organization, with its subtree, moved to another district (整建制转移).',
  payload,
  example,
});

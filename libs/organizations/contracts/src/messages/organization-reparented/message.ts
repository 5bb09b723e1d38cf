import { Id, Nullable, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  organizationId: Id,
  parentId: Id,
  previousParentId: Nullable(Type.String()),
  effectiveOn: IsoDate,
  documentNumber: Nullable(Type.String()),
});

export const OrganizationReparented = defineMessage({
  type: 'OrganizationReparented',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description: 'An organization moved under another parent in its district (隶属关系调整).',
  payload,
  example,
});

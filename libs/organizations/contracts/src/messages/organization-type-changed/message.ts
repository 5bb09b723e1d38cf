import { Id, Nullable, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, organizationType } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  organizationId: Id,
  organizationType,
  previousType: organizationType,
  effectiveOn: IsoDate,
  documentNumber: Nullable(Type.String()),
});

export const OrganizationTypeChanged = defineMessage({
  type: 'OrganizationTypeChanged',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description: 'An organization changed type (e.g. branch to general branch).',
  payload,
  example,
});

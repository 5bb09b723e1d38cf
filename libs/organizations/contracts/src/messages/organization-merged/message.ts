import { Id, Text, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ organizationId: Id, mergedIntoId: Id, effectiveOn: IsoDate, documentNumber: Text });

export const OrganizationMerged = defineMessage({
  type: 'OrganizationMerged',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description: 'An organization was merged into another.',
  payload,
  example,
});

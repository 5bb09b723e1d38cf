import { Id, Text, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ organizationId: Id, reason: Text, effectiveOn: IsoDate, documentNumber: Text });

export const OrganizationDissolved = defineMessage({
  type: 'OrganizationDissolved',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description: 'An organization was dissolved (撤销).',
  payload,
  example,
});

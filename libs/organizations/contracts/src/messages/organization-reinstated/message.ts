import { Id, Text, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ organizationId: Id, reason: Text, effectiveOn: IsoDate });

export const OrganizationReinstated = defineMessage({
  type: 'OrganizationReinstated',
  schemaVersion: 1,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description:
    "A dissolution was voided (撤销无效): a member was registered to the organization while it was being dissolved (the members service had not yet learned of the dissolution). The organization is active again from the dissolution's effective date, so the tree as of any date shows it; its members stay. Appended by the service itself, never by a user (ADR 0011).",
  payload,
  example,
});

import { Id, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, person } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  organizationId: Id,
  electedOn: IsoDate,
  termYears: Type.Integer({ minimum: 1 }),
  termEndsOn: IsoDate,
  secretary: person,
  deputySecretaries: Type.Array(person),
  committeeMembers: Type.Array(person),
});

export const LeadershipElected = defineMessage({
  type: 'LeadershipElected',
  schemaVersion: 2,
  topic: ORGANIZATIONS_TOPICS.organization,
  key: { ...STREAM_KEYS.organization, of: (data) => streamId('organization', data.organizationId) },
  description:
    'A leadership was elected for a term (换届); it replaces the current one. People by member id and masked name; v2: v1 named them in clear (read as v2, the name masked).',
  payload,
  example,
});

import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ resourceId: Id, withdrawnOn: IsoDate });

export const ResourceWithdrawn = defineMessage({
  type: 'ResourceWithdrawn',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.resource,
  key: { ...STREAM_KEYS.resource, of: (data) => projectsStreamId('resource', data.resourceId) },
  description: 'The unit withdrew the resource: nothing more of it can be committed.',
  payload,
  example,
});

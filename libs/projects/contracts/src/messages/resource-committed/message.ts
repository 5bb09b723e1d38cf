import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, Quantity } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ resourceId: Id, projectId: Id, quantity: Quantity, committedOn: IsoDate });

export const ResourceCommitted = defineMessage({
  type: 'ResourceCommitted',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.resource,
  key: { ...STREAM_KEYS.resource, of: (data) => projectsStreamId('resource', data.resourceId) },
  description:
    'Part of a resource (in its measure) was committed to a project: never more than remains, not after it was withdrawn, not after its last available day.',
  payload,
  example,
});

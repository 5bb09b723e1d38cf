import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ needId: Id, projectId: Id, releasedOn: IsoDate });

export const NeedReleased = defineMessage({
  type: 'NeedReleased',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.need,
  key: { ...STREAM_KEYS.need, of: (data) => projectsStreamId('need', data.needId) },
  description:
    'The project that took the need up (`projectId`, its `NeedTakenUp`) released it: that proposal was refused before the project was proposed (another of its needs was taken up by another project meanwhile), so no `ProjectProposed` lists it. The need is open again, back on the open list, and may be taken up by another project.',
  payload,
  example,
});

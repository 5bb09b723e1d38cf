import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ needId: Id, projectId: Id, takenUpOn: IsoDate });

export const NeedTakenUp = defineMessage({
  type: 'NeedTakenUp',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.need,
  key: { ...STREAM_KEYS.need, of: (data) => projectsStreamId('need', data.needId) },
  description:
    'A project is proposed from the need: it is taken up first (it leaves the open list), then `ProjectProposed` lists it; if that proposal is refused meanwhile (another of its needs was taken up by another project), `NeedReleased` opens it again. A need is taken up by one project at most.',
  payload,
  example,
});

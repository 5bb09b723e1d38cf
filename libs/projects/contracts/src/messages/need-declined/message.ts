import { Id, Text, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ needId: Id, reason: Text, declinedOn: IsoDate });

export const NeedDeclined = defineMessage({
  type: 'NeedDeclined',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.need,
  key: { ...STREAM_KEYS.need, of: (data) => projectsStreamId('need', data.needId) },
  description: 'The council declined an open need, with the reason its submitter is told.',
  payload,
  example,
});

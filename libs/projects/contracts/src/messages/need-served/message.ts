import { Id, Nullable, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ needId: Id, servedOn: IsoDate, projectId: Nullable(Id) });

export const NeedServed = defineMessage({
  type: 'NeedServed',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.need,
  key: { ...STREAM_KEYS.need, of: (data) => projectsStreamId('need', data.needId) },
  description:
    'The need was served: by the project that took it up (`projectId`), or, for a claimed wish, by the unit that claimed it (`projectId` null). Its submitter is told.',
  payload,
  example,
});

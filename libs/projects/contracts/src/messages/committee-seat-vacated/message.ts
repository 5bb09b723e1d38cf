import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ councilId: Id, seatId: Id, vacatedOn: IsoDate });

export const CommitteeSeatVacated = defineMessage({
  type: 'CommitteeSeatVacated',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.council,
  key: { ...STREAM_KEYS.council, of: (data) => projectsStreamId('council', data.councilId) },
  description: 'A committee seat of the council was vacated.',
  payload,
  example,
});

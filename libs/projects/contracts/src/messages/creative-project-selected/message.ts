import { Id, IsoDate, Count, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, Period } from '../vocabulary';
import { PROJECTS_TOPICS, selectionStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  councilId: Id,
  period: Period,
  projectId: Id,
  votes: Count,
  tally: Type.Array(Struct({ projectId: Id, votes: Count }), { minItems: 1 }),
  selectedOn: IsoDate,
});

export const CreativeProjectSelected = defineMessage({
  type: 'CreativeProjectSelected',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.selection,
  key: { ...STREAM_KEYS.selection, of: (data) => selectionStreamId(data.councilId, data.period) },
  description:
    'The council selected the period\'s "most creative project" (最具创意项目): the project with the most votes (among projects tied for the most, the one the chair chose), its votes, and every nominated project\'s votes (`tally`, most first, then by project id).',
  payload,
  example,
});

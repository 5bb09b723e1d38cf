import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, Period } from '../vocabulary';
import { PROJECTS_TOPICS, selectionStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ councilId: Id, period: Period, unitId: Id, projectId: Id, votedOn: IsoDate });

export const CreativeProjectVoteCast = defineMessage({
  type: 'CreativeProjectVoteCast',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.selection,
  key: { ...STREAM_KEYS.selection, of: (data) => selectionStreamId(data.councilId, data.period) },
  description:
    'A member unit of the council voted for a nominated project in the period\'s "most creative project" selection: one vote per unit and period.',
  payload,
  example,
});

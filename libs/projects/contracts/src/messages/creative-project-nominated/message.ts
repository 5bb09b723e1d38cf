import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, Period } from '../vocabulary';
import { PROJECTS_TOPICS, selectionStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ councilId: Id, period: Period, projectId: Id, nominatedOn: IsoDate });

export const CreativeProjectNominated = defineMessage({
  type: 'CreativeProjectNominated',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.selection,
  key: { ...STREAM_KEYS.selection, of: (data) => selectionStreamId(data.councilId, data.period) },
  description:
    'A project was nominated (once) for the council\'s "most creative project" (最具创意项目) of a period (a year, `2026`, or a half-year, `2026-H1` / `2026-H2`).',
  payload,
  example,
});

import { Id, Text, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  projectId: Id,
  scores: Type.Array(
    Struct({
      indicator: Text,
      weight: Type.Number({ exclusiveMinimum: 0 }),
      score: Type.Number({ minimum: 0, maximum: 100 }),
    }),
    { minItems: 1 },
  ),
  total: Type.Number({ minimum: 0, maximum: 100 }),
  scoredOn: IsoDate,
});

export const ProjectScored = defineMessage({
  type: 'ProjectScored',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.project,
  key: { ...STREAM_KEYS.project, of: (data) => projectsStreamId('project', data.projectId) },
  description:
    "The council scored the completed project on its type's indicator set (implementation performance 实施绩效, use of funds and benefit 资金使用与效益, process quality 过程质量 …): each indicator once, weights adding up to 1, scores 0–100; `total` is the weighted sum to one decimal. The project is then evaluated. The satisfaction of the people it served is separate: `ProjectRated`.",
  payload,
  example,
});

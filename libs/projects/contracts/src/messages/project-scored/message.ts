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
    "The council scored the completed project on the indicator set of its type (its category) in its district (项目评价指标: ImplementationPerformance 实施绩效, FundsAndBenefit 资金使用和效益, ProcessQuality 过程质量; an indicator the set weighs 0 is left out): each of the set's indicators once with its weight from the set (the weights add up to 1) and the council's score 0–100; `total` is the weighted sum to one decimal. The project is then evaluated. The satisfaction of the people it served is separate: `ProjectRated`.",
  payload,
  example,
});

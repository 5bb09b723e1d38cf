import { Id, Text, Nullable, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, needCategory, resourceKind, Quantity } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  resourceId: Id,
  councilId: Id,
  unitId: Id,
  resourceKind,
  title: Text,
  quantity: Quantity,
  measure: Text,
  categories: Type.Array(needCategory, { minItems: 1, uniqueItems: true }),
  place: Nullable(Text),
  availableFrom: IsoDate,
  availableUntil: Nullable(IsoDate),
  conditions: Nullable(Text),
  offeredOn: IsoDate,
});

export const ResourceOffered = defineMessage({
  type: 'ResourceOffered',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.resource,
  key: { ...STREAM_KEYS.resource, of: (data) => projectsStreamId('resource', data.resourceId) },
  description:
    'A member unit offered a resource to its council (资源清单): a venue, funds, volunteers, expertise or other, its quantity in `measure` (平方米, 元, 人, 小时 …), the need categories it can serve, where, from when until when (`availableUntil` null: open-ended) and on what conditions. The council sets it beside open needs by category, place and availability.',
  payload,
  example,
});

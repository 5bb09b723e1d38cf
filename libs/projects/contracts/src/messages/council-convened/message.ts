import { Id, Text, IsoDate, StringEnum, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, COUNCIL_KINDS, COUNCIL_LEVELS, StructWithRules, region } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

/** The region a council of each level names: its district, and its street and community down to its level. */
const regionAt = (level: (typeof COUNCIL_LEVELS)[number], street: 'string' | 'null', community: 'string' | 'null') => ({
  if: { properties: { level: { const: level } }, required: ['level'] },
  then: {
    properties: {
      region: { type: 'object', properties: { street: { type: street }, community: { type: community } } },
    },
  },
});

export const payload = StructWithRules(
  {
    councilId: Id,
    name: Text,
    councilKind: StringEnum(COUNCIL_KINDS),
    level: StringEnum(COUNCIL_LEVELS),
    convenerOrganizationId: Id,
    region,
    convenedOn: IsoDate,
  },
  {
    allOf: [
      regionAt('District', 'null', 'null'),
      regionAt('Street', 'string', 'null'),
      regionAt('Community', 'string', 'string'),
    ],
  },
);

export const CouncilConvened = defineMessage({
  type: 'CouncilConvened',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.council,
  key: { ...STREAM_KEYS.council, of: (data) => projectsStreamId('council', data.councilId) },
  description:
    "A joint council was convened (联席会议, 党建促进会 or 街道大工委) at district, street or community level by a party organization (`convenerOrganizationId`): the council, its needs, resources and projects belong to that organization's subtree. `region` is where it works, down to its level: a District council names its district only, a Street council its district and street, a Community council all three (enforced by the schema); its projects and their ratings carry it.",
  payload,
  example,
});

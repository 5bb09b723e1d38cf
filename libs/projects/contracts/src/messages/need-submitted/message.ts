import { Id, Nullable, IsoDate, StringEnum, defineMessage } from '@lianjian/contracts';
import {
  STREAM_KEYS,
  NEED_KINDS,
  SUBMITTER_KINDS,
  NEED_CHANNELS,
  needCategory,
  StructWithRules,
  presentWhen,
  SealedContact,
  screenedText,
} from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = StructWithRules(
  {
    needId: Id,
    councilId: Id,
    needKind: StringEnum(NEED_KINDS),
    category: needCategory,
    title: screenedText({ minLength: 1, maxLength: 100 }),
    description: screenedText({ maxLength: 2000 }),
    place: Nullable(screenedText({ minLength: 1 })),
    submitterKind: StringEnum(SUBMITTER_KINDS),
    unitId: Nullable(Id),
    contact: SealedContact,
    channel: StringEnum(NEED_CHANNELS),
    submittedOn: IsoDate,
  },
  presentWhen('submitterKind', 'Unit', 'unitId'),
);

export const NeedSubmitted = defineMessage({
  type: 'NeedSubmitted',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.need,
  key: { ...STREAM_KEYS.need, of: (data) => projectsStreamId('need', data.needId) },
  description:
    "A need (需求), a wish (微心愿: a small need a unit may claim directly) or an idea (金点子: a suggestion) was submitted to a council, through the public form (no login) or by staff, with its category and place. The submitter is a resident, an office worker (neither a platform user, neither named) or a unit (`unitId`, set exactly when `submitterKind` is Unit). Their contact, for telling them what became of it, travels only as ciphertext (`v1.<iv>.<tag>.<data>`, enforced by the schema) under a data key of the need's own that the projects service keeps outside the log: no consumer can open it, and nobody once the key is deleted; null when none was given.",
  payload,
  example,
});

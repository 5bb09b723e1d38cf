import { Id, Nullable, IsoDate, Struct, Type, StringEnum, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, PERSONAL_DATA_KINDS, satisfactionLevel, region, ScreenedComment } from '../vocabulary';
import { PROJECTS_TOPICS, ratingStreamId } from '../../topics';
import { example } from './example';

/** A rater key as the projects service derives them (32 characters of base64url), for the example message. */
const EXAMPLE_RATER_KEY = 'Vq3xN8bT0cLw5KzR2mYhJ7dFp4sGa9Ue';

export const payload = Struct({
  projectId: Id,
  ratingId: Id,
  councilId: Id,
  region,
  level: satisfactionLevel,
  comment: Nullable(ScreenedComment),
  screenedKinds: Type.Array(StringEnum(PERSONAL_DATA_KINDS), { uniqueItems: true }),
  ratedOn: IsoDate,
});

export const ProjectRated = defineMessage({
  type: 'ProjectRated',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.rating,
  // The rater key is in the stream id only, never in the payload: `of` gives the example's key.
  key: { ...STREAM_KEYS.rating, of: (data) => ratingStreamId(data.projectId, EXAMPLE_RATER_KEY) },
  description:
    "A person the project served — a resident or an office worker, not a platform user — rated it through the project's signed link or QR code (满意度评价): VerySatisfied 非常满意, Satisfied 满意, BasicallySatisfied 基本满意 or Dissatisfied 不满意, with an optional comment; ratings are taken once the project is completed, until it is closed. One message per rating, and at most one rating per person and project (one stream per rater and project: a second rating is refused, never published). It carries the project, its council and region (district, street, community), so satisfaction rates (满意率: the share of ratings that are not Dissatisfied) roll up per project, council, community, street and district from this message alone. Nothing identifies the rater: the comment is screened for personal data before it is stored (ID numbers, phone numbers, e-mail addresses and card numbers replaced by a mark; `screenedKinds` names the kinds removed, never the values) and the schema refuses a comment that still holds one.",
  payload,
  example,
});

import {
  Id,
  Text,
  Ciphertext,
  IsoDate,
  Count,
  Nullable,
  StringEnum,
  Struct,
  Type,
  defineMessage,
} from '@lianjian/contracts';
import { MEETING_TYPES, STREAM_KEYS, person } from '../vocabulary';
import { ORGANIZATIONS_TOPICS, streamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  meetingId: Id,
  organizationId: Id,
  meetingType: StringEnum(MEETING_TYPES),
  heldOn: IsoDate,
  host: person,
  recorder: person,
  attendeeIds: Type.Array(Id),
  absentees: Type.Array(Struct({ memberId: Id, reason: Nullable(Ciphertext) })),
  topics: Type.Array(Text),
  resolutions: Type.Array(Struct({ text: Text, inFavour: Count, against: Count, abstained: Count })),
});

export const MeetingRecorded = defineMessage({
  type: 'MeetingRecorded',
  schemaVersion: 2,
  topic: ORGANIZATIONS_TOPICS.meeting,
  key: { ...STREAM_KEYS.meeting, of: (data) => streamId('meeting', data.meetingId) },
  description:
    "An organizational-life meeting (三会一课, theme day, annual review) was held; attendance reaches the members service from this event. Host and recorder by member id and masked name; an absence reason sealed to the member's key (only the members service opens it; nobody once erased). v2: v1 carried names and reasons in clear (read as v2: masked, reason null).",
  payload,
  example,
});

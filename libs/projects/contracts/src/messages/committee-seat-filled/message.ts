import { Id, IsoDate, Struct, StringEnum, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, SEAT_TITLES } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  councilId: Id,
  seatId: Id,
  title: StringEnum(SEAT_TITLES),
  unitId: Id,
  representativeMemberId: Id,
  filledOn: IsoDate,
});

export const CommitteeSeatFilled = defineMessage({
  type: 'CommitteeSeatFilled',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.council,
  key: { ...STREAM_KEYS.council, of: (data) => projectsStreamId('council', data.councilId) },
  description:
    'A part-time committee seat of the council (兼职委员: chair 主任, deputy chair 副主任 or member 委员) was filled by the representative of a member unit, by member id.',
  payload,
  example,
});

import { Id, Text, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  councilId: Id,
  sessionId: Id,
  heldOn: IsoDate,
  attendingUnitIds: Type.Array(Id, { minItems: 1, uniqueItems: true }),
  resolutions: Type.Array(Struct({ number: Type.Integer({ minimum: 1 }), subject: Text })),
});

export const CouncilSessionHeld = defineMessage({
  type: 'CouncilSessionHeld',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.council,
  key: { ...STREAM_KEYS.council, of: (data) => projectsStreamId('council', data.councilId) },
  description:
    'The council held a session (联席会议): the member units that attended and its resolutions (议定事项), numbered from 1 within the session. A project is resolved by one of them (`ProjectResolved` names the session and the number).',
  payload,
  example,
});

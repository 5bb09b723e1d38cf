import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, mobilityStreamId } from '../../topics';
import { MOBILITY_KEY, Sealed, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({ flowOutId: Id, on: IsoDate, contact: Sealed });

export const FlowOutContactRecorded = defineMessage({
  type: 'FlowOutContactRecorded',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.mobility,
  key: { ...MOBILITY_KEY, of: (data) => mobilityStreamId(data.memberId) },
  description:
    'The branch heard from a member flowing out (a report, a call) on `on`: a flow-out without contact for six months (configurable) may be marked lost contact (`ContactLost` on the member stream). `contact` is a new contact the member gave, sealed to their key (null: unchanged).',
  payload,
  example,
});

import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, mobilityStreamId } from '../../topics';
import { MOBILITY_KEY, flowOutEnding, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({ flowOutId: Id, endedOn: IsoDate, ending: flowOutEnding });

export const FlowOutEnded = defineMessage({
  type: 'FlowOutEnded',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.mobility,
  key: { ...MOBILITY_KEY, of: (data) => mobilityStreamId(data.memberId) },
  description:
    'A flow-out ended: the member returned (流动党员返回), transferred their relationship to where they are (the transfer itself is on the transfer topic), or the registration was cancelled as a mistake.',
  payload,
  example,
});

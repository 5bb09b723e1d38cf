import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, mobilityStreamId } from '../../topics';
import { MOBILITY_KEY, flowInEnding, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({
  flowInId: Id,
  hostOrganizationId: Id,
  endedOn: IsoDate,
  ending: flowInEnding,
});

export const FlowInEnded = defineMessage({
  type: 'FlowInEnded',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.mobility,
  key: { ...MOBILITY_KEY, of: (data) => mobilityStreamId(data.memberId) },
  description:
    'A flow-in ended: the member left the host organization (`Left`), or the registration was cancelled as a mistake.',
  payload,
  example,
});

import { Id, IsoDate, Nullable, Text, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, mobilityStreamId } from '../../topics';
import { MOBILITY_KEY, Sealed, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({
  flowInId: Id,
  hostOrganizationId: Id,
  hostName: Text,
  from: IsoDate,
  until: Nullable(IsoDate),
  contact: Sealed,
  flowOutId: Nullable(Id),
  registeredOn: IsoDate,
});

export const MemberFlowedIn = defineMessage({
  type: 'MemberFlowedIn',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.mobility,
  key: { ...MOBILITY_KEY, of: (data) => mobilityStreamId(data.memberId) },
  description:
    "A host organization of the city registered a flow-in (流入): the member takes part in its activities for a period while their relationship stays at their branch (`organizationId`). `flowOutId` links the member's open flow-out it is the other side of (null: none registered). The contact here is sealed to the member's key. A member has at most one open flow-in.",
  payload,
  example,
});

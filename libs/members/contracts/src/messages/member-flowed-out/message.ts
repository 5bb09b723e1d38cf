import { Id, IsoDate, Nullable, Text, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, mobilityStreamId } from '../../topics';
import { MOBILITY_KEY, Sealed, mobilityPayload } from '../mobility-vocabulary';
import { example } from './example';

export const payload = mobilityPayload({
  flowOutId: Id,
  destination: Text,
  hostOrganizationId: Nullable(Id),
  hostName: Nullable(Text),
  from: IsoDate,
  until: Nullable(IsoDate),
  contact: Sealed,
  registeredOn: IsoDate,
});

export const MemberFlowedOut = defineMessage({
  type: 'MemberFlowedOut',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.mobility,
  key: { ...MOBILITY_KEY, of: (data) => mobilityStreamId(data.memberId) },
  description:
    "The member's branch registered a flow-out (流出): the member works or lives elsewhere for a period while their relationship stays at the branch (`organizationId`). `destination` and the host organization for activities (`hostOrganizationId` when it is one of the city's, `hostName` in clear) say where; the contact there (phone, address) is sealed to the member's key. A member has at most one open flow-out.",
  payload,
  example,
});

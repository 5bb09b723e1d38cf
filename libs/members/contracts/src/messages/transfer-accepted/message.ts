import { Id, IsoDate, Nullable, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({ memberId: Id, toOrganizationId: Nullable(Id), reportedOn: IsoDate });

export const TransferAccepted = defineMessage({
  type: 'TransferAccepted',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description:
    'The member reported to the receiving branch, which accepted (out of the city: the sender recorded the receipt); the member lands by `MemberTransferred` on the member topic.',
  payload,
  example,
});

import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, SealedReason, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({ approverId: Id, reason: SealedReason, sentBackOn: IsoDate });

export const TransferSentBack = defineMessage({
  type: 'TransferSentBack',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description:
    "An approver sent the transfer back to the sender, with a reason (sealed to the member's key); the sender may resubmit.",
  payload,
  example,
});

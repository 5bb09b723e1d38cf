import { IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, SealedReason, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({ reason: SealedReason, rejectedOn: IsoDate });

export const TransferRejected = defineMessage({
  type: 'TransferRejected',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description: 'The receiving branch rejected the transfer, with a reason (sealed): the member stays with the sender.',
  payload,
  example,
});

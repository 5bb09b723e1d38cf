import { IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, SealedReason, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({ reason: SealedReason, revokedOn: IsoDate });

export const TransferRevoked = defineMessage({
  type: 'TransferRevoked',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description: 'The sender revoked the transfer before its first approval.',
  payload,
  example,
});

import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({ approverId: Id, approvedOn: IsoDate });

export const TransferApproved = defineMessage({
  type: 'TransferApproved',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description: 'The next organization on the approval path approved the transfer.',
  payload,
  example,
});

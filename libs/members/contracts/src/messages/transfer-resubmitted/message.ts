import { IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({ resubmittedOn: IsoDate });

export const TransferResubmitted = defineMessage({
  type: 'TransferResubmitted',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description: 'The sender resubmitted a transfer sent back: the approval path starts again.',
  payload,
  example,
});

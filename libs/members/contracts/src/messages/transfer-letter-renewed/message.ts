import { defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, letterFields, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload(letterFields);

export const TransferLetterRenewed = defineMessage({
  type: 'TransferLetterRenewed',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description: 'A renewed letter was issued for an expired transfer, with its own number and validity.',
  payload,
  example,
});

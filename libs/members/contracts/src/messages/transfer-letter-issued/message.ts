import { defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, letterFields, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload(letterFields);

export const TransferLetterIssued = defineMessage({
  type: 'TransferLetterIssued',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description:
    'Every approver approved: the letter (介绍信) is issued, valid until `validUntil` (the member reports to the receiving branch by then).',
  payload,
  example,
});

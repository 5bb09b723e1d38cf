import { Id, IsoDate, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, transferPayload } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({ memberId: Id, expiredOn: IsoDate });

export const TransferExpired = defineMessage({
  type: 'TransferExpired',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description:
    "The letter's validity passed without the member reporting: the member is an unreported transfer (pocket member), the sending branch stays responsible, and a renewed letter can be issued. Emitted once by the deadline sweep, whichever instance runs it.",
  payload,
  example,
});

import { Count, Id, IsoDate, IsoMonth, Nullable, Text, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, transferStreamId } from '../../topics';
import { TRANSFER_KEY, SealedReason, transferPayload, transferScope } from '../vocabulary';
import { example } from './example';

export const payload = transferPayload({
  memberId: Id,
  scope: transferScope,
  fromOrganizationId: Nullable(Id),
  fromDistrict: Nullable(Id),
  toOrganizationId: Nullable(Id),
  toDistrict: Nullable(Id),
  outsideOrganization: Nullable(Text),
  acrossProvinces: Type.Boolean(),
  reason: SealedReason,
  letterNumber: Text,
  validityMonths: Type.Integer({ minimum: 1, maximum: 6 }),
  duesPaidUntil: Nullable(IsoMonth),
  arrearsMonths: Count,
  expectedReportOn: Nullable(IsoDate),
  approvalPath: Type.Array(Id),
  initiatedOn: IsoDate,
});

export const TransferInitiated = defineMessage({
  type: 'TransferInitiated',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.transfer,
  key: { ...TRANSFER_KEY, of: (data) => transferStreamId(data.transferId) },
  description:
    "A branch started a transfer of one of its members (or, into the city, the receiving branch registered the incoming letter): scope, the organizations and districts on both sides (null outside the city, where `outsideOrganization` names the other side), the approval path derived from the tree when it started (the organizations up to the common ancestor and down, in order), the letter's number and validity, dues paid until. The reason is sealed to the member's key.",
  payload,
  example,
});

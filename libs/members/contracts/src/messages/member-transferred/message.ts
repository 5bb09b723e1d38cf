import { Id, IsoDate, Nullable, StringEnum, Type, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, TRANSFER_CAUSES, memberPayload, transferScope } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({
  transferId: Nullable(Id),
  cause: StringEnum(TRANSFER_CAUSES),
  scope: transferScope,
  fromOrganizationId: Nullable(Id),
  fromDistrict: Nullable(Id),
  toOrganizationId: Nullable(Id),
  toDistrict: Nullable(Id),
  transferredOn: IsoDate,
  counted: Type.Boolean(),
});

export const MemberTransferred = defineMessage({
  type: 'MemberTransferred',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description:
    "The member's organizational relationship moved (组织关系转接): `cause` Transfer when a transfer was accepted (the member reported to the receiving branch; out of the city the relationship here ends, into the city the member is created or revived), OrganizationMoved when their whole organization moved to another district (same branch), OrganizationMerged when their branch merged into another. `organizationId` is the branch after the move (the one left, out of the city). With from/to organization, district and scope, and whether the member counts in membership, a consumer counts transfers in and out per organization, district and scope without calling the services.",
  payload,
  example,
});

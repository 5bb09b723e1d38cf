import { Connection } from '@lianjian/api';
import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TRANSFER_CAUSES, TRANSFER_SCOPES, TRANSFER_STATUSES } from '@lianjian/members-domain';
import { TRANSFER_LIST_STATES } from '../application/transfer/transfer.queries';
import { MemberModel, OrganizationRefModel } from './member.types';

const enumOf = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const TransferScopeEnum = enumOf(TRANSFER_SCOPES);
export const TransferStatusEnum = enumOf(TRANSFER_STATUSES);
export const TransferListStateEnum = enumOf(TRANSFER_LIST_STATES);
export const TransferDirectionEnum = enumOf(['Incoming', 'Outgoing'] as const);
export const RelationshipCauseEnum = enumOf(['Registration', ...TRANSFER_CAUSES] as const);

registerEnumType(TransferScopeEnum, {
  name: 'TransferScope',
  description: '转接范围: within the same committee, within the district, across districts, out of / into the city',
});
registerEnumType(TransferStatusEnum, {
  name: 'TransferStatus',
  description:
    'AwaitingApproval → LetterIssued → Landed; or SentBack, Rejected, Revoked; Expired: an unreported transfer',
});
registerEnumType(TransferListStateEnum, {
  name: 'TransferListState',
  description:
    'AwaitingMyApproval: the organization (or one in the district) approves next; UnderWay: not closed; DueSoon: the letter ends within 7 days; Overdue: the member was expected to report before today; Unreported: the letter expired (pocket member); Done: landed, rejected or revoked',
});
registerEnumType(TransferDirectionEnum, { name: 'TransferDirection' });
registerEnumType(RelationshipCauseEnum, { name: 'RelationshipCause' });

@ObjectType('TransferLetter', { description: '介绍信: its number, issue date, last valid day and dues paid until.' })
export class TransferLetterModel {
  @Field() letterNumber!: string;
  @Field() issuedOn!: string;
  @Field({ description: 'The last day the member may report to the receiving organization.' }) validUntil!: string;
  @Field(() => String, { nullable: true }) duesPaidUntil!: string | null;
}

@ObjectType('Transfer', {
  description: '组织关系转接: a member’s organizational relationship moving to another branch.',
})
export class TransferModel {
  @Field(() => ID) id!: string;
  @Field(() => MemberModel) member!: { id: string };
  @Field(() => TransferScopeEnum) scope!: string;
  @Field(() => TransferStatusEnum) status!: string;
  @Field(() => OrganizationRefModel, { nullable: true, description: 'null: from outside the city.' })
  fromOrganization!: { id: string } | null;
  @Field(() => String, { nullable: true }) fromDistrict!: string | null;
  @Field(() => OrganizationRefModel, { nullable: true, description: 'null: out of the city.' })
  toOrganization!: { id: string } | null;
  @Field(() => String, { nullable: true }) toDistrict!: string | null;
  @Field(() => String, { nullable: true, description: 'The organization outside the city, as the letter names it.' })
  outsideOrganization!: string | null;
  @Field() acrossProvinces!: boolean;
  @Field(() => [ID], { description: 'The organizations that approve, in order (fixed when the transfer started).' })
  approvalPath!: string[];
  @Field(() => [ID]) approvedBy!: string[];
  @Field(() => ID, { nullable: true, description: 'The organization that approves next.' })
  nextApproverId!: string | null;
  @Field(() => Int) validityMonths!: number;
  @Field() letterNumber!: string;
  @Field(() => String, { nullable: true }) duesPaidUntil!: string | null;
  @Field(() => Int, { description: 'Months of dues unpaid when it started (0 when arrears are settled first).' })
  arrearsMonths!: number;
  @Field(() => String, { nullable: true }) expectedReportOn!: string | null;
  @Field(() => TransferLetterModel, { nullable: true, description: 'Once every approver approved.' })
  letter!: TransferLetterModel | null;
  @Field() initiatedOn!: string;
  @Field(() => String, { nullable: true }) closedOn!: string | null;
  @Field({ description: 'The member has landed (MemberTransferred) after the acceptance.' }) memberLanded!: boolean;
}

@ObjectType('TransferConnection')
export class TransferConnectionModel extends Connection(TransferModel, 'Transfer') {}

@ObjectType('RelationshipStep', { description: "One step of a member's organizational relationship." })
export class RelationshipStepModel {
  @Field(() => OrganizationRefModel, { nullable: true, description: 'null: outside the city.' })
  organization!: { id: string } | null;
  @Field(() => String, { nullable: true }) district!: string | null;
  @Field() from!: string;
  @Field(() => String, { nullable: true, description: 'The last day (null: still there).' }) until!: string | null;
  @Field(() => RelationshipCauseEnum) cause!: string;
  @Field(() => ID, { nullable: true }) transferId!: string | null;
}

@ObjectType('TransferLetterDocument', { description: 'The printable letter and the signed code its QR carries.' })
export class TransferLetterDocumentModel {
  @Field({ description: 'The signed code (typed or scanned by the receiving branch).' }) code!: string;
  @Field({ description: 'The letter as a PDF, base64.' }) pdfBase64!: string;
}

import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandInput, IsCalendarDate, IsCalendarMonth, ID_PATTERN, idMessage } from '@lianjian/api';
import { CATEGORIES, MEMBERSHIP_STATUSES } from '@lianjian/members-domain';
import {
  DecisionLevelEnum,
  LapseDecisionEnum,
  MemberCategoryEnum,
  MembershipStatusEnum,
  ReductionKindEnum,
} from './member.types';

const CARD = /^\d{16}$/;
const cardMessage = { message: '$property must be a member id (16-digit card number)' };

@InputType({ isAbstract: true })
abstract class MemberCommandInput extends CommandInput {
  @Field(() => ID) @Matches(CARD, cardMessage) memberId!: string;
}

@InputType()
export class RegisterMemberInput extends CommandInput {
  @Field(() => ID, { description: 'The branch (党支部) the member belongs to.' })
  @Matches(ID_PATTERN, idMessage)
  organizationId!: string;
  @Field() @IsString() @Length(1, 50) name!: string;
  @Field({
    description: '公民身份号码: 18 characters with the GB 11643 check digit; birth date and gender are read from it.',
  })
  @IsString()
  @Length(15, 20)
  idNumber!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(20) phone?: string | null;
  @Field() @IsString() @Length(1, 20) ethnicity!: string;
  @Field() @IsString() @Length(0, 30) education!: string;
  @Field(() => MemberCategoryEnum) @IsIn(CATEGORIES) category!: (typeof CATEGORIES)[number];
  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 50, { each: true })
  posts?: string[] | null;
  @Field(() => ID, { nullable: true, description: 'The unit (employer) in the organizations registry.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  unitId?: string | null;
  @Field(() => Float, { nullable: true, description: 'Monthly after-tax income (yuan): sets the dues.' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(10_000_000)
  monthlyIncome?: number | null;
  @Field(() => String, { nullable: true, description: '申请入党日期' }) @IsOptional() @IsCalendarDate() appliedOn?:
    string | null;
  @Field(() => String, { nullable: true, description: 'For members registered with their history: 确定积极分子日期' })
  @IsOptional()
  @IsCalendarDate()
  activistOn?: string | null;
  @Field(() => String, { nullable: true, description: '确定发展对象日期' })
  @IsOptional()
  @IsCalendarDate()
  candidateOn?: string | null;
  @Field(() => String, { nullable: true, description: '入党日期' }) @IsOptional() @IsCalendarDate() joinedOn?:
    string | null;
  @Field(() => String, { nullable: true, description: '转正日期' }) @IsOptional() @IsCalendarDate() fullMembershipOn?:
    string | null;
}

@InputType()
export class DatedStepInput extends MemberCommandInput {
  @Field() @IsCalendarDate() on!: string;
}

@InputType()
export class DesignateDevelopmentCandidateInput extends DatedStepInput {
  @Field(() => [ID], { description: 'Two full members (入党介绍人).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @Matches(CARD, { each: true, ...cardMessage })
  sponsorIds!: string[];
}

@InputType('VoteInput', {
  description:
    "The branch members' meeting (支部党员大会) that decided, as the organizations service recorded it (recordMeeting): its day, who attended and the votes come from that record, never from here.",
})
export class VoteInput {
  @Field(() => ID, { description: "The recorded meeting: a MembersMeeting of the member's branch." })
  @Matches(ID_PATTERN, idMessage)
  meetingId!: string;
  @Field(() => Int, {
    description: "Which of the meeting's resolutions decided, 1 for the first (the record's order).",
  })
  @IsInt()
  @Min(1)
  @Max(100)
  resolution!: number;
}

@InputType()
export class BranchDecisionInput extends MemberCommandInput {
  @Field(() => VoteInput) @ValidateNested() @Type(() => VoteInput) vote!: VoteInput;
}

@InputType()
export class SuperiorApprovalInput extends MemberCommandInput {
  @Field() @IsCalendarDate() approvedOn!: string;
  @Field(() => ID, { description: 'The organization above the branch that approves.' })
  @Matches(ID_PATTERN, idMessage)
  approverOrganizationId!: string;
}

@InputType()
export class ExtendProbationInput extends DatedStepInput {
  @Field(() => Int) @IsInt() @Min(1) @Max(24) months!: number;
}

@InputType()
export class ReasonedStepInput extends DatedStepInput {
  @Field() @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class ChangeMembershipStatusInput extends ReasonedStepInput {
  @Field(() => MembershipStatusEnum) @IsIn(MEMBERSHIP_STATUSES) status!: (typeof MEMBERSHIP_STATUSES)[number];
}

@InputType()
export class ErasePersonalDataInput extends MemberCommandInput {
  @Field() @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class DeclareDuesBaseInput extends MemberCommandInput {
  @Field(() => MemberCategoryEnum) @IsIn(CATEGORIES) category!: (typeof CATEGORIES)[number];
  @Field(() => Float, { nullable: true }) @IsOptional() @IsNumber() @Min(0) @Max(10_000_000) monthlyIncome?:
    number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarMonth() effectiveFrom?: string | null;
}

@InputType()
export class IssueDuesBillsInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field() @IsCalendarMonth() month!: string;
}

@InputType()
export class PayDuesInput extends MemberCommandInput {
  @Field(() => [String]) @ArrayMinSize(1) @ArrayMaxSize(24) @IsCalendarMonth({ each: true }) months!: string[];
  @Field(() => Float) @IsNumber({ maxDecimalPlaces: 2 }) @Min(0) amount!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() paidOn?: string | null;
}

@InputType()
export class RequestDuesReductionInput extends MemberCommandInput {
  @Field(() => ReductionKindEnum) @IsIn(['Reduction', 'Waiver']) kind!: 'Reduction' | 'Waiver';
  @Field() @IsCalendarMonth() fromMonth!: string;
  @Field() @IsCalendarMonth() toMonth!: string;
  @Field(() => Float, { nullable: true, description: 'The reduced monthly amount (减交); none for a waiver (免交).' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  monthlyAmount?: number | null;
  @Field() @IsString() @Length(1, 500) reason!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) reductionId?: string | null;
}

@InputType()
export class DecideDuesReductionInput extends MemberCommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) reductionId!: string;
  @Field(() => DecisionLevelEnum) @IsIn(['Branch', 'Superior']) level!: 'Branch' | 'Superior';
  @Field() @IsBoolean() approved!: boolean;
  @Field() @IsCalendarDate() decidedOn!: string;
  @Field(() => ID, {
    nullable: true,
    description: 'For the superior level: the approving organization above the branch.',
  })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  deciderOrganizationId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 500) reason?: string | null;
}

@InputType()
export class RecordLostContactInput extends MemberCommandInput {
  @Field() @IsCalendarDate() since!: string;
}

@InputType()
export class RecordLapseDecisionInput extends SuperiorApprovalInput {
  @Field(() => LapseDecisionEnum) @IsIn(['Remove', 'Keep']) decision!: 'Remove' | 'Keep';
  @Field() @IsCalendarDate() branchDecidedOn!: string;
}

@InputType()
export class ImportMembersInput {
  @Field() @IsString() @Length(1, 200) fileName!: string;
  @Field({ description: 'The CSV file (UTF-8), layout in docs/members-import.md.' })
  @IsString()
  @Length(1, 60_000_000)
  content!: string;
}

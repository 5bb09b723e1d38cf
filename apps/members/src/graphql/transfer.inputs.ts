import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandInput, IsCalendarDate, IsCalendarMonth, ID_PATTERN, idMessage } from '@lianjian/api';
import { RegisterMemberInput } from './member.inputs';

const CARD = /^\d{16}$/;
const cardMessage = { message: '$property must be a member id (16-digit card number)' };

@InputType({ isAbstract: true })
abstract class TransferCommandInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) transferId!: string;
}

@InputType({ description: 'A reason (sealed to the member’s key: it may be a health or family matter).' })
export class ReasonedTransferInput extends TransferCommandInput {
  @Field() @IsString() @Length(1, 500) reason!: string;
}

@InputType()
export class TransferStepInput extends TransferCommandInput {}

@InputType({ description: '发起转接: by the sending branch; into the city, by the receiving branch.' })
export class InitiateTransferInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client to make a retry safe (a UUID), or generated.' })
  @IsOptional()
  @IsUUID()
  transferId?: string | null;
  @Field(() => ID, {
    nullable: true,
    description: 'The member; into the city, a member who left it before (revived), or null for one new to the city.',
  })
  @IsOptional()
  @Matches(CARD, cardMessage)
  memberId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'The letter comes from outside the city.' })
  @IsOptional()
  @IsBoolean()
  intoCity?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'The receiving branch; null out of the city.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  toOrganizationId?: string | null;
  @Field(() => String, { nullable: true, description: 'Out of or into the city: the organization on the other side.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  outsideOrganization?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Out of or into the city from another province (≤ 6 months).' })
  @IsOptional()
  @IsBoolean()
  acrossProvinces?: boolean | null;
  @Field() @IsString() @Length(1, 500) reason!: string;
  @Field({ description: '介绍信编号' }) @IsString() @Length(1, 64) letterNumber!: string;
  @Field(() => Int, { nullable: true, description: 'The default of the scope when not given.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(6)
  validityMonths?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() expectedReportOn?: string | null;
  @Field(() => String, { nullable: true, description: 'Into the city: dues paid until, as the letter says (YYYY-MM).' })
  @IsOptional()
  @IsCalendarMonth()
  duesPaidUntil?: string | null;
}

@InputType({ description: 'A member new to the city, registered from the incoming letter.' })
export class IncomingMemberInput extends RegisterMemberInput {}

@InputType()
export class AcceptTransferInput extends TransferCommandInput {
  @Field(() => String, { nullable: true, description: 'The day the member reported (today when not given).' })
  @IsOptional()
  @IsCalendarDate()
  reportedOn?: string | null;
  @Field(() => IncomingMemberInput, {
    nullable: true,
    description: 'Into the city, a member new to it: their registration (organizationId is the receiving branch).',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => IncomingMemberInput)
  incomingMember?: IncomingMemberInput | null;
}

@InputType()
export class RenewTransferLetterInput extends TransferCommandInput {
  @Field() @IsString() @Length(1, 64) letterNumber!: string;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(1) @Max(6) validityMonths?: number | null;
}

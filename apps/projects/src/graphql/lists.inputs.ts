import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CommandInput, ID_PATTERN, IsCalendarDate, idMessage } from '@lianjian/api';
import {
  NEED_CATEGORIES,
  NEED_DESCRIPTION_MAX,
  NEED_KINDS,
  NEED_TITLE_MAX,
  RESOURCE_KINDS,
  SUBMITTER_KINDS,
} from '@lianjian/projects-domain';
import { NeedCategoryEnum, NeedKindEnum, ResourceKindEnum, SubmitterKindEnum } from './lists.types';

/** A phone number as people write it: digits, spaces, +, - and parentheses. */
const PHONE = /^[0-9+\-() ]{3,30}$/;

@InputType('NeedContactInput', { description: "The submitter's contact: sealed before it is stored." })
export class NeedContactInput {
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 50) name?: string | null;
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(PHONE, { message: 'phone must be a phone number' })
  phone?: string | null;
}

@InputType()
export class SubmitNeedInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  needId?: string | null;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) councilId!: string;
  @Field(() => NeedKindEnum) @IsIn(NEED_KINDS) kind!: (typeof NEED_KINDS)[number];
  @Field(() => NeedCategoryEnum) @IsIn(NEED_CATEGORIES) category!: (typeof NEED_CATEGORIES)[number];
  @Field() @IsString() @Length(1, NEED_TITLE_MAX) title!: string;
  @Field() @IsString() @MaxLength(NEED_DESCRIPTION_MAX) description!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) place?: string | null;
  @Field(() => SubmitterKindEnum) @IsIn(SUBMITTER_KINDS) submitterKind!: (typeof SUBMITTER_KINDS)[number];
  @Field(() => ID, { nullable: true, description: 'The submitting unit (submitterKind Unit).' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  unitId?: string | null;
  @Field(() => NeedContactInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => NeedContactInput)
  contact?: NeedContactInput | null;
  @Field() @IsCalendarDate() submittedOn!: string;
}

@InputType({ isAbstract: true })
abstract class NeedCommandInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) needId!: string;
}

@InputType()
export class DeclineNeedInput extends NeedCommandInput {
  @Field({ description: 'Told to the submitter.' }) @IsString() @Length(1, 500) reason!: string;
  @Field() @IsCalendarDate() declinedOn!: string;
}

@InputType()
export class ClaimWishInput extends NeedCommandInput {
  @Field(() => ID, { description: 'The member unit claiming the wish.' })
  @Matches(ID_PATTERN, idMessage)
  unitId!: string;
  @Field() @IsCalendarDate() claimedOn!: string;
}

@InputType()
export class ServeNeedInput extends NeedCommandInput {
  @Field() @IsCalendarDate() servedOn!: string;
}

@InputType()
export class OfferResourceInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  resourceId?: string | null;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) councilId!: string;
  @Field(() => ID, { description: 'The member unit offering it.' }) @Matches(ID_PATTERN, idMessage) unitId!: string;
  @Field(() => ResourceKindEnum) @IsIn(RESOURCE_KINDS) kind!: (typeof RESOURCE_KINDS)[number];
  @Field() @IsString() @Length(1, 100) title!: string;
  @Field(() => Float) @IsNumber({ allowNaN: false, allowInfinity: false }) quantity!: number;
  @Field() @IsString() @Length(1, 20) measure!: string;
  @Field(() => [NeedCategoryEnum])
  @ArrayMinSize(1)
  @ArrayMaxSize(NEED_CATEGORIES.length)
  @IsIn(NEED_CATEGORIES, { each: true })
  categories!: Array<(typeof NEED_CATEGORIES)[number]>;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) place?: string | null;
  @Field() @IsCalendarDate() availableFrom!: string;
  @Field(() => String, { nullable: true, description: 'The last day; none: open-ended.' })
  @IsOptional()
  @IsCalendarDate()
  availableUntil?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(500) conditions?: string | null;
  @Field() @IsCalendarDate() offeredOn!: string;
}

@InputType()
export class WithdrawResourceInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) resourceId!: string;
  @Field() @IsCalendarDate() withdrawnOn!: string;
}

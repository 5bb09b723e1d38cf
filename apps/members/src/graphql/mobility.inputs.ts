import { ArgsType, Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
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
import { CommandInput, DEFAULT_PAGE, IsCalendarDate, ID_PATTERN, idMessage } from '@lianjian/api';
import {
  COMMUNITY_RATINGS,
  COMMUNITY_SERVICE_KINDS,
  type CommunityRating,
  type CommunityServiceKind,
  FLOW_IN_ENDINGS,
  FLOW_OUT_ENDINGS,
  type FlowInEnding,
  type FlowOutEnding,
} from '@lianjian/members-domain';
import { CommunityRatingEnum, CommunityServiceKindEnum, FlowInEndingEnum, FlowOutEndingEnum } from './mobility.types';

const CARD = /^\d{16}$/;
const cardMessage = { message: '$property must be a member id (16-digit card number)' };
const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const codeMessage = {
  message: '$property must be a region code such as huangpu (lowercase letters, digits and dashes), not a name',
};

@InputType({ isAbstract: true })
abstract class MobilityCommandInput extends CommandInput {
  @Field(() => ID) @Matches(CARD, cardMessage) memberId!: string;
}

@InputType('MobilityContactInput', {
  description: "Phone and address where the member is: sealed to the member's key before anything is kept.",
})
export class ContactInput {
  @Field(() => String, { nullable: true, description: 'A mobile number, or a landline with its area code.' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  phone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @MaxLength(200) address?: string | null;
}

@InputType()
export class RegisterFlowOutInput extends MobilityCommandInput {
  @Field(() => ID, { nullable: true, description: 'Generated when not given.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  flowOutId?: string | null;
  @Field({ description: 'Where the member goes: city, province (in clear on the event stream).' })
  @IsString()
  @Length(1, 100)
  destination!: string;
  @Field(() => ID, { nullable: true, description: "The host organization for activities, when one of the city's." })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  hostOrganizationId?: string | null;
  @Field(() => String, { nullable: true, description: 'The host organization outside the city, by name.' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  outsideHostName?: string | null;
  @Field() @IsCalendarDate() from!: string;
  @Field(() => String, { nullable: true, description: 'Expected return.' })
  @IsOptional()
  @IsCalendarDate()
  until?: string | null;
  @Field(() => ContactInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactInput)
  contact?: ContactInput | null;
}

@InputType()
export class RecordFlowOutContactInput extends MobilityCommandInput {
  @Field({ description: 'The day the branch heard from the member.' }) @IsCalendarDate() on!: string;
  @Field(() => ContactInput, { nullable: true, description: 'A new contact, if the member gave one.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactInput)
  contact?: ContactInput | null;
}

@InputType()
export class EndFlowOutInput extends MobilityCommandInput {
  @Field() @IsCalendarDate() endedOn!: string;
  @Field(() => FlowOutEndingEnum) @IsIn(FLOW_OUT_ENDINGS) ending!: FlowOutEnding;
}

@InputType()
export class MarkFlowOutLostContactInput extends MobilityCommandInput {}

@InputType()
export class RegisterFlowInInput extends MobilityCommandInput {
  @Field(() => ID, { nullable: true, description: 'Generated when not given.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  flowInId?: string | null;
  @Field(() => ID, { description: 'The organization the member takes part in activities with.' })
  @Matches(ID_PATTERN, idMessage)
  hostOrganizationId!: string;
  @Field() @IsCalendarDate() from!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() until?: string | null;
  @Field(() => ContactInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactInput)
  contact?: ContactInput | null;
}

@InputType()
export class EndFlowInInput extends MobilityCommandInput {
  @Field() @IsCalendarDate() endedOn!: string;
  @Field(() => FlowInEndingEnum) @IsIn(FLOW_IN_ENDINGS) ending!: FlowInEnding;
}

@InputType({ isAbstract: true })
abstract class CommunityCommandInput extends MobilityCommandInput {
  @Field(() => ID, { description: "The community's party organization." })
  @Matches(ID_PATTERN, idMessage)
  communityId!: string;
}

@InputType()
export class RegisterWithCommunityInput extends CommunityCommandInput {
  @Field(() => String, { nullable: true, description: 'Today when not given.' })
  @IsOptional()
  @IsCalendarDate()
  registeredOn?: string | null;
}

@InputType()
export class RevokeCommunityRegistrationInput extends CommunityCommandInput {
  @Field(() => String, { nullable: true, description: 'Today when not given.' })
  @IsOptional()
  @IsCalendarDate()
  revokedOn?: string | null;
}

@InputType()
export class RecordCommunityServiceInput extends CommunityCommandInput {
  @Field(() => ID, { nullable: true, description: 'Generated when not given.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  serviceId?: string | null;
  @Field(() => CommunityServiceKindEnum) @IsIn(COMMUNITY_SERVICE_KINDS) kind!: CommunityServiceKind;
  @Field() @IsCalendarDate() on!: string;
  @Field(() => Float, { description: 'In half hours, up to 24.' }) @IsNumber() @Min(0.5) @Max(24) hours!: number;
  @Field(() => String, { nullable: true, description: "What the member did: sealed to the member's key." })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  description?: string | null;
}

@InputType()
export class GiveCommunityFeedbackInput extends CommunityCommandInput {
  @Field(() => ID, { nullable: true, description: 'Generated when not given.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  feedbackId?: string | null;
  @Field(() => CommunityRatingEnum) @IsIn(COMMUNITY_RATINGS) rating!: CommunityRating;
  @Field(() => String, { nullable: true, description: "The community's words: sealed to the member's key." })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  comment?: string | null;
  @Field(() => String, { nullable: true, description: 'Today when not given.' })
  @IsOptional()
  @IsCalendarDate()
  givenOn?: string | null;
}

/** The lists' arguments: a branch (with its subtree), or a district, or everything the caller reads; paged by id. */
@ArgsType()
export class MobilityListArgs {
  @Field(() => ID, { nullable: true, description: 'An organization (a branch), with its subtree when asked.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  organizationId?: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'A district code such as `huangpu` (lowercase letters, digits and dashes), when no organization is given. Neither: everything you may read.',
  })
  @IsOptional()
  @Matches(CODE, codeMessage)
  district?: string | null;
  @Field(() => Boolean, { defaultValue: false }) @IsBoolean() includeSubtree!: boolean;
  @Field(() => Int, { defaultValue: DEFAULT_PAGE }) @IsInt() first!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() after?: string | null;
}

@ArgsType()
export class FlowOutListArgs extends MobilityListArgs {
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Only members out for 6 months or more (configurable): they should transfer their relationship.',
  })
  @IsBoolean()
  transferCandidatesOnly!: boolean;
  @Field(() => Boolean, {
    defaultValue: false,
    description: 'Only flow-outs without contact for 6 months (configurable): lost contact may be marked.',
  })
  @IsBoolean()
  withoutContactOnly!: boolean;
}

@ArgsType()
export class CommunityRegistrationListArgs extends MobilityListArgs {
  @Field(() => ID, {
    nullable: true,
    description: "A community's registrations (its side), instead of a branch's or a district's members'.",
  })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  communityId?: string | null;
}

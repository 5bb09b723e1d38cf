import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { CommandInput, ID_PATTERN, IsCalendarDate, idMessage } from '@lianjian/api';
import { MEETING_TYPES, type MeetingType } from '@lianjian/organizations-domain';
import { PersonInput } from './inputs';
import { MeetingTypeEnum } from './membership.types';

/** The GraphQL inputs of organizational life (membership.resolver.ts). */
@InputType('AbsenteeInput')
export class AbsenteeInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) memberId!: string;
  @Field(() => String, {
    nullable: true,
    description:
      "Why (病假 is a health fact): sealed to the member's key before it is kept, so only the members service can read it (`Member.meetings.absenceReason`); refused as MEMBER_NOT_KNOWN while this service has not learnt the member's key.",
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string | null;
}

@InputType('ResolutionInput')
export class ResolutionInput {
  @Field() @IsString() @Length(1, 2000) text!: string;
  @Field(() => Int) @IsInt() @Min(0) inFavour!: number;
  @Field(() => Int) @IsInt() @Min(0) against!: number;
  @Field(() => Int) @IsInt() @Min(0) abstained!: number;
}

@InputType()
export class RecordMeetingInput extends CommandInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) meetingId?: string | null;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field(() => MeetingTypeEnum) @IsIn(MEETING_TYPES) meetingType!: MeetingType;
  @Field() @IsCalendarDate() heldOn!: string;
  @Field(() => PersonInput) @ValidateNested() @Type(() => PersonInput) host!: PersonInput;
  @Field(() => PersonInput) @ValidateNested() @Type(() => PersonInput) recorder!: PersonInput;
  @Field(() => [ID]) @ArrayMaxSize(1000) @Matches(ID_PATTERN, { each: true, ...idMessage }) attendeeIds!: string[];
  @Field(() => [AbsenteeInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => AbsenteeInput)
  absentees?: AbsenteeInput[] | null;
  @Field(() => [String]) @ArrayMaxSize(50) @IsString({ each: true }) @Length(1, 500, { each: true }) topics!: string[];
  @Field(() => [ResolutionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ResolutionInput)
  resolutions?: ResolutionInput[] | null;
}

import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandInput, ID_PATTERN, IsCalendarDate, idMessage } from '@lianjian/api';
import { COUNCIL_KINDS, COUNCIL_LEVELS, SEAT_TITLES } from '@lianjian/projects-domain';
import { CouncilKindEnum, CouncilLevelEnum, SeatTitleEnum } from './council.types';

@InputType()
export class ConveneCouncilInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  councilId?: string | null;
  @Field() @IsString() @Length(2, 100) name!: string;
  @Field(() => CouncilKindEnum) @IsIn(COUNCIL_KINDS) kind!: (typeof COUNCIL_KINDS)[number];
  @Field(() => CouncilLevelEnum) @IsIn(COUNCIL_LEVELS) level!: (typeof COUNCIL_LEVELS)[number];
  @Field(() => ID, {
    description: 'The convening party organization: the council belongs to its subtree and district.',
  })
  @Matches(ID_PATTERN, idMessage)
  convenerOrganizationId!: string;
  @Field(() => String, { nullable: true, description: 'The street code (street and community councils).' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  street?: string | null;
  @Field(() => String, { nullable: true, description: 'The community code (community councils).' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  community?: string | null;
  @Field() @IsCalendarDate() convenedOn!: string;
}

@InputType({ isAbstract: true })
abstract class CouncilCommandInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) councilId!: string;
}

@InputType()
export class JoinCouncilInput extends CouncilCommandInput {
  @Field(() => ID, { description: "A unit of the organizations service's registry." })
  @Matches(ID_PATTERN, idMessage)
  unitId!: string;
  @Field(() => ID, {
    nullable: true,
    description: "The unit's party organization (one that covers it); the one covering it when there is exactly one.",
  })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  organizationId?: string | null;
  @Field(() => ID, { nullable: true, description: "The unit's representative, a party member (member id)." })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  representativeMemberId?: string | null;
  @Field() @IsCalendarDate() joinedOn!: string;
}

@InputType()
export class ChangeCouncilRepresentativeInput extends CouncilCommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) unitId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) representativeMemberId!:
    string | null;
  @Field() @IsCalendarDate() changedOn!: string;
}

@InputType()
export class LeaveCouncilInput extends CouncilCommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) unitId!: string;
  @Field() @IsCalendarDate() leftOn!: string;
}

@InputType()
export class FillCommitteeSeatInput extends CouncilCommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  seatId?: string | null;
  @Field(() => SeatTitleEnum) @IsIn(SEAT_TITLES) title!: (typeof SEAT_TITLES)[number];
  @Field(() => ID, { description: 'The member unit whose representative holds the seat.' })
  @Matches(ID_PATTERN, idMessage)
  unitId!: string;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) representativeMemberId!: string;
  @Field() @IsCalendarDate() filledOn!: string;
}

@InputType()
export class VacateCommitteeSeatInput extends CouncilCommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) seatId!: string;
  @Field() @IsCalendarDate() vacatedOn!: string;
}

@InputType('CouncilResolutionInput')
export class ResolutionInput {
  @Field(() => Int) @IsInt() @Min(1) number!: number;
  @Field() @IsString() @Length(1, 500) subject!: string;
}

@InputType()
export class HoldCouncilSessionInput extends CouncilCommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  sessionId?: string | null;
  @Field() @IsCalendarDate() heldOn!: string;
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(ID_PATTERN, { each: true, ...idMessage })
  attendingUnitIds!: string[];
  @Field(() => [ResolutionInput])
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ResolutionInput)
  resolutions!: ResolutionInput[];
}

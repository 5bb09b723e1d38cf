import {
  Args,
  Context,
  Field,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Parent,
  Query,
  ResolveField,
  Resolver,
  registerEnumType,
} from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Length, Matches, Min, ValidateNested } from 'class-validator';
import { type Caller } from '@lianjian/auth';
import { CommandInput, IsCalendarDate, optionalCalendarDateArg } from '@lianjian/api';
import { MEETING_TYPES, type MeetingType } from '@lianjian/organizations-domain';
import { OrganizationCommands } from '../application/organization-commands';
import { OrganizationQueries } from '../application/organization-queries';
import { type MeetingView, type OrganizationView } from '../infrastructure/views';
import { InputValidationError } from './errors';
import { CODE, ID_PATTERN, PersonInput, codeMessage, idMessage } from './inputs';
import { toUnit } from './mappers';
import { OrganizationModel, PersonModel, UnitModel } from './types';

const MeetingTypeEnum = Object.fromEntries(MEETING_TYPES.map((t) => [t, t])) as Record<MeetingType, MeetingType>;
registerEnumType(MeetingTypeEnum, {
  name: 'MeetingType',
  description: '支部党员大会, 支部委员会, 党小组会, 党课, 主题党日, 组织生活会',
});

@ObjectType('CountByKey')
export class CountByKeyModel {
  @Field() key!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('MemberCounts', {
  description:
    "From the members service's events: counted members are probationary or full members whose membership has not ended.",
})
export class MemberCountsModel {
  @Field(() => Int) members!: number;
  @Field(() => Int) fullMembers!: number;
  @Field(() => Int) probationaryMembers!: number;
  @Field(() => [CountByKeyModel], {
    description: 'Everyone known, by pipeline stage (applicants and activists included).',
  })
  byStage!: CountByKeyModel[];
  @Field(() => [CountByKeyModel], { description: 'Everyone known, by membership status.' })
  byStatus!: CountByKeyModel[];
}

@ObjectType('EligibleUnit', {
  description: '应建未建: a unit with enough full members for its own branch and no organization.',
})
export class EligibleUnitModel {
  @Field(() => UnitModel) unit!: UnitModel;
  @Field(() => Int) fullMembers!: number;
}

@ObjectType('RegionCoverage', { description: '覆盖率 of a district, street or community.' })
export class RegionCoverageModel {
  @Field(() => Int) unitCount!: number;
  @Field(() => Int) coveredUnitCount!: number;
  @Field(() => Float) unitCoverageRate!: number;
  @Field(() => Int) aboveScaleUnitCount!: number;
  @Field(() => Int) coveredAboveScaleUnitCount!: number;
  @Field(() => Float) aboveScaleCoverageRate!: number;
  @Field(() => Int) buildingCount!: number;
  @Field(() => Int) coveredBuildingCount!: number;
  @Field(() => Float) buildingCoverageRate!: number;
  @Field(() => Int) eligibleWithoutOrganizationCount!: number;
}

@ObjectType('Absentee')
export class AbsenteeModel {
  @Field(() => ID) memberId!: string;
  @Field() reason!: string;
}

@ObjectType('Resolution')
export class ResolutionModel {
  @Field() text!: string;
  @Field(() => Int) inFavour!: number;
  @Field(() => Int) against!: number;
  @Field(() => Int) abstained!: number;
}

@ObjectType('Meeting', { description: 'An organizational-life meeting (三会一课, 主题党日, 组织生活会).' })
export class MeetingModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) organizationId!: string;
  @Field(() => MeetingTypeEnum) meetingType!: MeetingType;
  @Field() heldOn!: string;
  @Field(() => PersonModel) host!: PersonModel;
  @Field(() => PersonModel) recorder!: PersonModel;
  @Field(() => [ID]) attendeeIds!: string[];
  @Field(() => [AbsenteeModel]) absentees!: AbsenteeModel[];
  @Field(() => [String]) topics!: string[];
  @Field(() => [ResolutionModel]) resolutions!: ResolutionModel[];
}

@ObjectType('CadenceRequirement', {
  description: 'A required meeting type in its current period (month, quarter or year).',
})
export class CadenceRequirementModel {
  @Field(() => MeetingTypeEnum) meetingType!: MeetingType;
  @Field() cadence!: string;
  @Field({ description: '2026-11, 2026-Q4 or 2026' }) period!: string;
  @Field(() => Int) held!: number;
  @Field() missing!: boolean;
}

@InputType('AbsenteeInput')
export class AbsenteeInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) memberId!: string;
  @Field() @IsString() @Length(1, 200) reason!: string;
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

type OrganizationParent = OrganizationModel & OrganizationView;
const toMeeting = (m: MeetingView): MeetingModel => ({
  ...m,
  id: m._id,
  attendeeIds: [...m.attendeeIds],
  absentees: [...m.absentees],
  topics: [...m.topics],
  resolutions: [...m.resolutions],
});

function regionArg(value: string | null | undefined, field: string): string | null {
  if (value && !CODE.test(value))
    throw new InputValidationError([{ field, constraints: [codeMessage.message.replace('$property', field)] }]);
  return value ?? null;
}

/** Members in the organization tree (from member events), the 应建未建 ledger, coverage, and organizational life. */
@Resolver(() => OrganizationModel)
export class MembershipResolver {
  constructor(
    private readonly commands: OrganizationCommands,
    private readonly queries: OrganizationQueries,
  ) {}

  @ResolveField(() => MemberCountsModel, {
    description: "Members by stage and status, from the members service's events.",
  })
  memberCounts(
    @Parent() org: OrganizationParent,
    @Args('includeSubtree', { type: () => Boolean, defaultValue: false }) includeSubtree: boolean,
  ) {
    return this.queries.memberCounts(org, includeSubtree);
  }

  @ResolveField(() => [MeetingModel], { description: 'Organizational-life meetings, oldest first.' })
  async meetings(
    @Parent() org: OrganizationParent,
    @Args('from', { type: () => String, nullable: true }) from: string | null,
    @Args('to', { type: () => String, nullable: true }) to: string | null,
  ) {
    return (
      await this.queries.meetings(org, optionalCalendarDateArg(from, 'from'), optionalCalendarDateArg(to, 'to'))
    ).map(toMeeting);
  }

  @ResolveField(() => [CadenceRequirementModel], {
    description:
      'Required meetings of the month, quarter and year containing asOf (default today), and which are missing.',
  })
  meetingCadence(
    @Parent() org: OrganizationParent,
    @Args('asOf', { type: () => String, nullable: true }) asOf: string | null,
  ) {
    return this.queries.meetingCadence(org, optionalCalendarDateArg(asOf, 'asOf'));
  }

  @Query(() => [EligibleUnitModel], {
    description: '应建未建台帐: units with ≥3 full members (configurable) and no organization covering them.',
  })
  async eligibleWithoutOrganization(
    @Context('caller') caller: Caller,
    @Args('district', { type: () => String, nullable: true }) district: string | null,
    @Args('street', { type: () => String, nullable: true }) street: string | null,
    @Args('community', { type: () => String, nullable: true }) community: string | null,
  ) {
    const rows = await this.queries.eligibleWithoutOrganization(caller, {
      district: regionArg(district, 'district'),
      street: regionArg(street, 'street'),
      community: regionArg(community, 'community'),
    });
    return rows.map((r) => ({ unit: toUnit(r.unit), fullMembers: r.fullMembers }));
  }

  @Query(() => RegionCoverageModel, {
    description: 'Coverage rates of a region (your district unless you are a city-level reader).',
  })
  regionCoverage(
    @Context('caller') caller: Caller,
    @Args('district', { type: () => String, nullable: true }) district: string | null,
    @Args('street', { type: () => String, nullable: true }) street: string | null,
    @Args('community', { type: () => String, nullable: true }) community: string | null,
  ) {
    return this.queries.regionCoverage(caller, {
      district: regionArg(district, 'district'),
      street: regionArg(street, 'street'),
      community: regionArg(community, 'community'),
    });
  }

  @Mutation(() => MeetingModel, {
    description: 'Record an organizational-life meeting; attendance reaches the members service as an event.',
  })
  async recordMeeting(@Context('caller') caller: Caller, @Args('input') input: RecordMeetingInput) {
    return toMeeting(await this.commands.recordMeeting(caller, input));
  }
}

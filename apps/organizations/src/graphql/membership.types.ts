import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { MEETING_TYPES, type MeetingType } from '@lianjian/organizations-domain';
import { PersonModel, UnitModel } from './types';

/** The GraphQL types of members in the tree, the 应建未建 ledger, coverage and organizational life (membership.resolver.ts). */
export const MeetingTypeEnum = Object.fromEntries(MEETING_TYPES.map((t) => [t, t])) as Record<MeetingType, MeetingType>;
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

@ObjectType('Absentee', {
  description:
    "A member absent from the meeting. Their reason (a health fact, perhaps) is sealed to the member's key: only the members service opens it, as `Member.meetings.absenceReason`.",
})
export class AbsenteeModel {
  @Field(() => ID) memberId!: string;
  @Field({ description: 'Whether a reason was recorded (sealed: `member { meetings { absenceReason } }`).' })
  reasonRecorded!: boolean;
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

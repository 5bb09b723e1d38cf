import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection, PageInfoType } from '@lianjian/api';
import { COUNCIL_KINDS, COUNCIL_LEVELS, SEAT_TITLES } from '@lianjian/projects-domain';

export const CouncilKindEnum = Object.fromEntries(COUNCIL_KINDS.map((k) => [k, k]));
export const CouncilLevelEnum = Object.fromEntries(COUNCIL_LEVELS.map((k) => [k, k]));
export const SeatTitleEnum = Object.fromEntries(SEAT_TITLES.map((k) => [k, k]));
registerEnumType(CouncilKindEnum, {
  name: 'CouncilKind',
  description: 'JointConference: 联席会议; PromotionAssociation: 党建促进会; StreetWorkingCommittee: 街道大工委',
});
registerEnumType(CouncilLevelEnum, {
  name: 'CouncilLevel',
  description: 'The administrative level a council works at.',
});
registerEnumType(SeatTitleEnum, { name: 'CommitteeSeatTitle', description: '兼职委员: 主任 / 副主任 / 委员' });

export const PageInfoModel = PageInfoType('ProjectsPageInfo');

@ObjectType('CouncilRegion')
export class RegionModel {
  @Field({ description: 'The district code, such as `huangpu`.' }) district!: string;
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => String, { nullable: true }) community!: string | null;
}

/** The organizations service's entity: the projects subgraph adds the councils an organization convenes. */
@ObjectType('Organization')
@Directive('@key(fields: "id")')
export class OrganizationRefModel {
  @Field(() => ID) id!: string;
}

/** The organizations service's unit entity (a member unit of a council). */
@ObjectType('Unit')
@Directive('@key(fields: "id")')
export class UnitRefModel {
  @Field(() => ID) id!: string;
}

/** The members service's entity (a unit's representative, a member's project sign-ins). */
@ObjectType('Member')
@Directive('@key(fields: "id")')
export class MemberRefModel {
  @Field(() => ID) id!: string;
}

@ObjectType('CouncilMemberUnit', { description: '成员单位: a unit in the council, from joining to leaving.' })
export class MemberUnitModel {
  @Field(() => UnitRefModel) unit!: UnitRefModel;
  @Field(() => OrganizationRefModel, { nullable: true, description: "The unit's party organization." })
  organization!: OrganizationRefModel | null;
  @Field(() => MemberRefModel, { nullable: true, description: "The unit's representative (a party member)." })
  representative!: MemberRefModel | null;
  @Field() joinedOn!: string;
  @Field(() => String, { nullable: true, description: 'Null while a member.' }) leftOn!: string | null;
}

@ObjectType('CommitteeSeat', { description: '兼职委员: a part-time seat held by a member unit’s representative.' })
export class CommitteeSeatModel {
  @Field(() => ID) seatId!: string;
  @Field(() => SeatTitleEnum) title!: string;
  @Field(() => UnitRefModel) unit!: UnitRefModel;
  @Field(() => MemberRefModel) holder!: MemberRefModel;
  @Field() filledOn!: string;
  @Field(() => String, { nullable: true }) vacatedOn!: string | null;
}

@ObjectType('CouncilResolution')
export class ResolutionModel {
  @Field(() => Int) number!: number;
  @Field() subject!: string;
}

@ObjectType('CouncilSession', { description: 'A session: the member units attending and what it resolved.' })
export class SessionModel {
  @Field(() => ID) sessionId!: string;
  @Field() heldOn!: string;
  @Field(() => [UnitRefModel]) attendingUnits!: UnitRefModel[];
  @Field(() => [ResolutionModel]) resolutions!: ResolutionModel[];
}

@ObjectType('Council', { description: '联席会议 / 党建促进会 / 街道大工委: a joint council of a region’s units.' })
export class CouncilModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => CouncilKindEnum) kind!: string;
  @Field(() => CouncilLevelEnum) level!: string;
  @Field(() => OrganizationRefModel, { description: 'The convening party organization.' })
  convener!: OrganizationRefModel;
  @Field(() => RegionModel) region!: RegionModel;
  @Field() convenedOn!: string;
  @Field(() => [MemberUnitModel], { description: 'Current member units.' }) memberUnits!: MemberUnitModel[];
  @Field(() => [MemberUnitModel], { description: 'Every membership, former ones included (history).' })
  memberUnitHistory!: MemberUnitModel[];
  @Field(() => [CommitteeSeatModel], { description: 'Seats held now.' }) committee!: CommitteeSeatModel[];
  @Field(() => [CommitteeSeatModel], { description: 'Every tenure, former ones included.' })
  committeeHistory!: CommitteeSeatModel[];
  @Field(() => [SessionModel]) sessions!: SessionModel[];
  @Field(() => Int, { description: 'The version of the council’s stream (expectedVersion of the next command).' })
  version!: number;
}

@ObjectType('CouncilConnection')
export class CouncilConnectionModel extends Connection(CouncilModel, 'Council', PageInfoModel) {}

import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@lianjian/api';
import { NEED_CATEGORIES, PROJECT_STATUSES, RESOURCE_KINDS } from '@lianjian/projects-domain';
import { CouncilModel, OrganizationRefModel, PageInfoModel, RegionModel, UnitRefModel } from './council.types';

export const ProjectStatusEnum = Object.fromEntries(PROJECT_STATUSES.map((k) => [k, k]));
export const ProjectCategoryEnum = Object.fromEntries(NEED_CATEGORIES.map((k) => [k, k]));
export const ResourceKindEnum = Object.fromEntries(RESOURCE_KINDS.map((k) => [k, k]));
export const SignInKindEnum = { Volunteer: 'Volunteer', Member: 'Member' };
registerEnumType(ProjectStatusEnum, {
  name: 'ProjectStatus',
  description: '提出 → 联席会议议定 → 社区党委审批 → 认领 → 实施 → 完成 → 评价 → 结项',
});
registerEnumType(ProjectCategoryEnum, { name: 'ProjectCategory', description: 'The need category (项目类型).' });
registerEnumType(ResourceKindEnum, { name: 'ProjectResourceKind' });
registerEnumType(SignInKindEnum, {
  name: 'ProjectSignInKind',
  description: 'Volunteer: counted, nothing about the person kept; Member: by member id.',
});

@ObjectType('ProjectCommittedResource')
export class CommittedResourceModel {
  @Field(() => ResourceKindEnum) kind!: string;
  @Field(() => Float) quantity!: number;
  @Field({ description: 'The unit of measure (hours, yuan, m²…).' }) unit!: string;
}

@ObjectType('ProjectClaim', { description: '认领: a member unit’s commitment to the project.' })
export class ProjectClaimModel {
  @Field(() => UnitRefModel) unit!: UnitRefModel;
  @Field(() => OrganizationRefModel, { nullable: true }) organization!: OrganizationRefModel | null;
  @Field(() => [CommittedResourceModel]) resources!: CommittedResourceModel[];
  @Field() description!: string;
}

@ObjectType('ProjectSignInCounts')
export class SignInCountsModel {
  @Field(() => Int) volunteers!: number;
  @Field(() => Int) members!: number;
  @Field(() => Int, { description: 'Members who signed in at least once.' }) participatingMembers!: number;
}

@ObjectType('ProjectHistoryEntry', { description: 'One step of the project, from its stream; no personal data.' })
export class ProjectHistoryEntryModel {
  @Field({ description: 'The event type, such as ProjectClaimed.' }) type!: string;
  @Field({ description: 'The day the step is dated.' }) on!: string;
  @Field(() => String, { nullable: true, description: "Who recorded it (the council's admins only see it)." })
  actor!: string | null;
  @Field() detail!: string;
}

@ObjectType('ProjectIndicatorWeight')
export class IndicatorWeightModel {
  @Field() indicator!: string;
  @Field(() => Float) weight!: number;
}

@ObjectType('ProjectIndicatorSet', { description: "The indicators the project's type is scored on in its district." })
export class IndicatorSetModel {
  @Field(() => Int) version!: number;
  @Field(() => [IndicatorWeightModel]) indicators!: IndicatorWeightModel[];
}

@ObjectType('Project', { description: '共建项目: a regional co-building project of a joint council.' })
export class ProjectModel {
  @Field(() => ID) id!: string;
  councilId!: string;
  @Field() title!: string;
  @Field(() => ProjectCategoryEnum) category!: string;
  @Field(() => ProjectStatusEnum) status!: string;
  @Field(() => [ID], { description: 'The needs it was proposed from.' }) needIds!: string[];
  @Field(() => RegionModel) region!: RegionModel;
  @Field(() => OrganizationRefModel) convener!: OrganizationRefModel;
  @Field(() => [ProjectClaimModel]) claims!: ProjectClaimModel[];
  @Field(() => Int) milestones!: number;
  @Field(() => SignInCountsModel) signIns!: SignInCountsModel;
  @Field(() => Float, { nullable: true, description: "The council's weighted score, 0–100." })
  score!: number | null;
  @Field({ description: 'The day of its last step.' }) lastStepOn!: string;
  @Field(() => Int, { description: 'The version of its stream (expectedVersion of the next command).' })
  version!: number;
}

@ObjectType('ProjectConnection')
export class ProjectConnectionModel extends Connection(ProjectModel, 'Project', PageInfoModel) {}

@ObjectType('MemberProjectSignIn', { description: 'A party member’s sign-in at a project’s activity.' })
export class MemberProjectSignInModel {
  @Field(() => ProjectModel) project!: ProjectModel;
  @Field(() => ID) signInId!: string;
  @Field() on!: string;
}

export { CouncilModel };

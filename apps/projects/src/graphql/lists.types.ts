import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Connection } from '@lianjian/api';
import {
  NEED_CATEGORIES,
  NEED_CHANNELS,
  NEED_KINDS,
  NEED_STATUSES,
  RESOURCE_KINDS,
  SUBMITTER_KINDS,
} from '@lianjian/projects-domain';
import { OrganizationRefModel, PageInfoModel, UnitRefModel } from './council.types';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const NeedKindEnum = enumOf(NEED_KINDS);
export const NeedCategoryEnum = enumOf(NEED_CATEGORIES);
export const NeedStatusEnum = enumOf(NEED_STATUSES);
export const SubmitterKindEnum = enumOf(SUBMITTER_KINDS);
export const NeedChannelEnum = enumOf(NEED_CHANNELS);
export const ResourceKindEnum = enumOf(RESOURCE_KINDS);
export const NEARNESSES = ['SamePlace', 'SameCommunity', 'SameStreet', 'Elsewhere'] as const;
export const NearnessEnum = enumOf(NEARNESSES);
registerEnumType(NeedKindEnum, { name: 'NeedKind', description: 'Need: 需求; Wish: 微心愿; Idea: 金点子.' });
registerEnumType(NeedCategoryEnum, { name: 'NeedCategory', description: 'The need categories (需求类别).' });
registerEnumType(NeedStatusEnum, { name: 'NeedStatus' });
registerEnumType(SubmitterKindEnum, {
  name: 'NeedSubmitterKind',
  description: 'A resident, an office worker (neither a platform user) or a unit.',
});
registerEnumType(NeedChannelEnum, { name: 'NeedChannel', description: 'The public form (no login) or staff.' });
registerEnumType(ResourceKindEnum, {
  name: 'ResourceKind',
  description: 'Venue, funds, volunteers, expertise, other.',
});
registerEnumType(NearnessEnum, {
  name: 'MatchNearness',
  description: "How near a resource is to a need: the same place, the unit's community, its street, or no nearer.",
});

@ObjectType('Need', {
  description: 'A need (需求), wish (微心愿) or idea (金点子) of a council’s list. No contact in clear.',
})
export class NeedModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) councilId!: string;
  @Field(() => NeedKindEnum) kind!: string;
  @Field(() => NeedCategoryEnum) category!: string;
  @Field() title!: string;
  @Field() description!: string;
  @Field(() => String, { nullable: true }) place!: string | null;
  @Field(() => SubmitterKindEnum) submitterKind!: string;
  @Field(() => UnitRefModel, { nullable: true, description: 'The submitting unit.' }) unit!: UnitRefModel | null;
  @Field(() => NeedChannelEnum) channel!: string;
  @Field({ description: 'Whether the submitter left a contact (sealed; revealNeedContact shows it to admins).' })
  hasContact!: boolean;
  @Field() submittedOn!: string;
  @Field(() => NeedStatusEnum) status!: string;
  @Field(() => ID, { nullable: true, description: 'The project that took it up.' }) projectId!: string | null;
  @Field(() => UnitRefModel, { nullable: true, description: 'The member unit that claimed the wish.' })
  claimedBy!: UnitRefModel | null;
  @Field(() => String, { nullable: true, description: 'Why the council declined it.' }) declineReason!: string | null;
  @Field({ description: 'The day of its last step.' }) since!: string;
  @Field(() => Int) version!: number;
}

@ObjectType('NeedConnection')
export class NeedConnectionModel extends Connection(NeedModel, 'Need', PageInfoModel) {}

@ObjectType('NeedContact', { description: 'A need submitter’s contact in clear (admins only; every reveal audited).' })
export class NeedContactModel {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field({ description: 'False when the contact was erased (its key destroyed) or none was given.' })
  available!: boolean;
}

@ObjectType('NeedOutcome', { description: 'What the submitter is told: where the need stands, no personal data.' })
export class NeedOutcomeModel {
  @Field(() => ID) needId!: string;
  @Field(() => NeedKindEnum) kind!: string;
  @Field(() => NeedStatusEnum) status!: string;
  @Field() since!: string;
  @Field(() => ID, { nullable: true }) projectId!: string | null;
  @Field(() => UnitRefModel, { nullable: true }) claimedBy!: UnitRefModel | null;
  @Field(() => String, { nullable: true }) reason!: string | null;
}

@ObjectType('ResourceCommitment')
export class ResourceCommitmentModel {
  @Field(() => ID) projectId!: string;
  @Field(() => Float) quantity!: number;
  @Field() committedOn!: string;
}

@ObjectType('Resource', { description: 'A resource a member unit offers (资源清单).' })
export class ResourceModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) councilId!: string;
  @Field(() => UnitRefModel) unit!: UnitRefModel;
  @Field(() => ResourceKindEnum) kind!: string;
  @Field() title!: string;
  @Field(() => Float, { description: 'What was offered.' }) quantity!: number;
  @Field(() => Float, { description: 'What is left to commit.' }) remaining!: number;
  @Field({ description: "What the quantity counts: '平方米', '元', '人', '小时' …" }) measure!: string;
  @Field(() => [NeedCategoryEnum]) categories!: string[];
  @Field(() => String, { nullable: true }) place!: string | null;
  @Field() availableFrom!: string;
  @Field(() => String, { nullable: true, description: 'Null: open-ended.' }) availableUntil!: string | null;
  @Field(() => String, { nullable: true }) conditions!: string | null;
  @Field() offeredOn!: string;
  @Field(() => String, { nullable: true }) withdrawnOn!: string | null;
  @Field(() => [ResourceCommitmentModel]) commitments!: ResourceCommitmentModel[];
  @Field(() => Int) version!: number;
}

@ObjectType('ResourceConnection')
export class ResourceConnectionModel extends Connection(ResourceModel, 'Resource', PageInfoModel) {}

@ObjectType('ResourceMatch')
export class ResourceMatchModel {
  @Field(() => ResourceModel) resource!: ResourceModel;
  @Field(() => NearnessEnum) nearness!: string;
  @Field(() => Float) remaining!: number;
}

@ObjectType('NeedMatch', { description: 'An open need beside the resources that could serve it today, best first.' })
export class NeedMatchModel {
  @Field(() => NeedModel) need!: NeedModel;
  @Field(() => [ResourceMatchModel]) resources!: ResourceMatchModel[];
}

export { OrganizationRefModel };

import { Connection } from '@lianjian/api';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  COMMUNITY_RATINGS,
  COMMUNITY_SERVICE_KINDS,
  FLOW_IN_ENDINGS,
  FLOW_OUT_ENDINGS,
  REVOKED_BY,
} from '@lianjian/members-domain';

const enumOf = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const FlowOutEndingEnum = enumOf(FLOW_OUT_ENDINGS);
export const FlowInEndingEnum = enumOf(FLOW_IN_ENDINGS);
export const CommunityServiceKindEnum = enumOf(COMMUNITY_SERVICE_KINDS);
export const CommunityRatingEnum = enumOf(COMMUNITY_RATINGS);
export const RevokedByEnum = enumOf(REVOKED_BY);
export const CommunityRegistrationStatusEnum = enumOf(['Registered', 'Revoked'] as const);

registerEnumType(FlowOutEndingEnum, {
  name: 'FlowOutEnding',
  description: 'Returned: 返回; Transferred: the relationship moved where the member is; Cancelled: a mistake',
});
registerEnumType(FlowInEndingEnum, { name: 'FlowInEnding', description: 'Left: 离开; Cancelled: a mistake' });
registerEnumType(CommunityServiceKindEnum, {
  name: 'CommunityServiceKind',
  description: '志愿服务, 社区治理, 政策宣传, 结对帮扶, 其他',
});
registerEnumType(CommunityRatingEnum, { name: 'CommunityRating', description: '优秀 / 良好 / 一般 / 差' });
registerEnumType(RevokedByEnum, { name: 'RegistrationRevokedBy' });
registerEnumType(CommunityRegistrationStatusEnum, { name: 'CommunityRegistrationStatus' });

@ObjectType('MobilityContact', {
  description:
    "A contact given for a flow-out or flow-in (phone and address there): personal data, sealed to the member's key on the event stream.",
})
export class MobilityContactModel {
  @Field(() => String, { nullable: true, description: 'Masked (139****5678) unless revealed.' })
  phone!: string | null;
  @Field(() => String, { nullable: true, description: 'Only when revealed.' }) address!: string | null;
  @Field() revealed!: boolean;
}

@ObjectType('FlowOut', {
  description:
    "流出: a member working or living elsewhere for a period, registered by their branch; the relationship stays at the branch (organizationId). Shown to the member's side, and to the host organization's when it is one of the city's.",
})
export class FlowOutModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) memberId!: string;
  @Field({ description: 'The member masked (张*明).' }) maskedName!: string;
  @Field(() => ID, { description: "The member's branch when the flow-out was registered." }) organizationId!: string;
  @Field({ description: 'Where the member went (city, province).' }) destination!: string;
  @Field(() => ID, { nullable: true, description: 'The host organization for activities, when one of the city’s.' })
  hostOrganizationId!: string | null;
  @Field(() => String, { nullable: true }) hostName!: string | null;
  @Field() from!: string;
  @Field(() => String, { nullable: true, description: 'Expected return.' }) until!: string | null;
  @Field({ description: 'The last day the branch heard from the member.' }) lastContactOn!: string;
  @Field() registeredOn!: string;
  @Field(() => String, { nullable: true }) endedOn!: string | null;
  @Field(() => FlowOutEndingEnum, { nullable: true }) ending!: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'From this day (6 months out, configurable) the member should transfer their relationship instead.',
  })
  transferDueOn!: string | null;
  @Field({ description: 'Open and past transferDueOn: a transfer candidate.' }) transferCandidate!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'From this day without contact (6 months, configurable) lost contact may be marked.',
  })
  noContactDueOn!: string | null;
  @Field({ description: 'Open and past noContactDueOn.' }) withoutContact!: boolean;
}

@ObjectType('FlowIn', {
  description:
    "流入: a member taking part in a host organization's activities for a period while their relationship stays at their branch; registered by the host's admins. Shown to the host's side and the member's.",
})
export class FlowInModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) memberId!: string;
  @Field() maskedName!: string;
  @Field(() => ID, { description: "The member's own branch." }) organizationId!: string;
  @Field(() => ID) hostOrganizationId!: string;
  @Field() hostName!: string;
  @Field() from!: string;
  @Field(() => String, { nullable: true }) until!: string | null;
  @Field(() => ID, { nullable: true, description: 'The flow-out this is the other side of.' }) flowOutId!:
    string | null;
  @Field() registeredOn!: string;
  @Field(() => String, { nullable: true }) endedOn!: string | null;
  @Field(() => FlowInEndingEnum, { nullable: true }) ending!: string | null;
}

@ObjectType('MemberMobility', {
  description: "A member's mobility (流动党员): the records the caller may see (the member's side sees all).",
})
export class MemberMobilityModel {
  @Field(() => ID) memberId!: string;
  @Field() maskedName!: string;
  @Field(() => FlowOutModel, { nullable: true }) flowOut!: FlowOutModel | null;
  @Field(() => FlowInModel, { nullable: true }) flowIn!: FlowInModel | null;
  @Field(() => [FlowOutModel]) pastFlowOuts!: FlowOutModel[];
  @Field(() => [FlowInModel]) pastFlowIns!: FlowInModel[];
  @Field(() => Int) version!: number;
}

@ObjectType('CommunityService', { description: "A member's service in the community: what, when, hours." })
export class CommunityServiceModel {
  @Field(() => ID) id!: string;
  @Field(() => CommunityServiceKindEnum) kind!: string;
  @Field() on!: string;
  @Field(() => Float) hours!: number;
  @Field(() => String, {
    nullable: true,
    description: "The community's words, opened with the member's key for the member's and the community's side.",
  })
  description!: string | null;
  @Field(() => ID, { description: "The member's branch it reached." }) organizationId!: string;
}

@ObjectType('CommunityFeedback', {
  description: "The community's feedback on the member, for their branch's yearly appraisal.",
})
export class CommunityFeedbackModel {
  @Field(() => ID) id!: string;
  @Field(() => CommunityRatingEnum) rating!: string;
  @Field(() => String, { nullable: true, description: "Opened with the member's key, as description." }) comment!:
    string | null;
  @Field() givenOn!: string;
  @Field(() => ID, { description: "The member's branch it reached." }) organizationId!: string;
}

@ObjectType('CommunityRegistrationPeriod')
export class CommunityRegistrationPeriodModel {
  @Field() registeredOn!: string;
  @Field() revokedOn!: string;
  @Field(() => RevokedByEnum) revokedBy!: string;
}

@ObjectType('CommunityRegistration', {
  description:
    '在职党员到社区报到: an employed member registered with the community where they live (one per community).',
})
export class CommunityRegistrationModel {
  @Field(() => ID, { description: '<memberId>-<communityId>' }) id!: string;
  @Field(() => ID) memberId!: string;
  @Field() maskedName!: string;
  @Field(() => ID, { description: "The member's branch (as the latest record named it)." }) organizationId!: string;
  @Field(() => ID, { description: "The community's party organization." }) communityId!: string;
  @Field() communityName!: string;
  @Field(() => CommunityRegistrationStatusEnum) status!: string;
  @Field() registeredOn!: string;
  @Field(() => String, { nullable: true }) revokedOn!: string | null;
  @Field(() => RevokedByEnum, { nullable: true }) revokedBy!: string | null;
  @Field(() => [CommunityRegistrationPeriodModel], { description: 'Earlier registrations, revoked.' })
  pastPeriods!: CommunityRegistrationPeriodModel[];
  @Field(() => Float, { description: 'Hours of service recorded, all periods.' }) serviceHours!: number;
  @Field(() => Int) version!: number;
}

@ObjectType('FlowOutConnection')
export class FlowOutConnectionModel extends Connection(FlowOutModel, 'FlowOut') {}

@ObjectType('FlowInConnection')
export class FlowInConnectionModel extends Connection(FlowInModel, 'FlowIn') {}

@ObjectType('CommunityRegistrationConnection')
export class CommunityRegistrationConnectionModel extends Connection(
  CommunityRegistrationModel,
  'CommunityRegistration',
) {}

import { Connection, PageInfoType } from '@lianjian/api';
import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ORGANIZATION_TYPES, PLACE_KINDS, SERVICE_POINT_KINDS, UNIT_KINDS } from '@lianjian/organizations-domain';

const enumOf = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const OrganizationTypeEnum = enumOf(ORGANIZATION_TYPES);
export const OrganizationStatusEnum = enumOf(['active', 'dissolved', 'merged'] as const);
export const UnitKindEnum = enumOf(UNIT_KINDS);
export const PlaceKindEnum = enumOf(PLACE_KINDS);
export const ServicePointKindEnum = enumOf(SERVICE_POINT_KINDS);
export const ElectionStatusEnum = enumOf(['CURRENT', 'DUE', 'OVERDUE', 'NEVER_ELECTED'] as const);

registerEnumType(OrganizationTypeEnum, {
  name: 'OrganizationType',
  description: '党委, 党工委, 党总支, 党支部, 联合党支部, 流动党员党支部, 临时党支部, 党小组',
});
registerEnumType(OrganizationStatusEnum, { name: 'OrganizationStatus' });
registerEnumType(UnitKindEnum, { name: 'UnitKind' });
registerEnumType(PlaceKindEnum, { name: 'PlaceKind', description: '楼宇 / 园区 / 商圈' });
registerEnumType(ServicePointKindEnum, { name: 'ServicePointKind', description: '党员服务点 / 党建服务站' });
registerEnumType(ElectionStatusEnum, { name: 'ElectionStatus' });

@ObjectType('Region', {
  description: 'District (区), street or town (街道/镇), community (社区/居民区); null above that level.',
})
export class RegionModel {
  @Field(() => String, { nullable: true }) district!: string | null;
  @Field(() => String, { nullable: true }) street!: string | null;
  @Field(() => String, { nullable: true }) community!: string | null;
}

/** The members service's entity: a person this service names is a reference to it, resolved by the members subgraph. */
@ObjectType('Member')
@Directive('@key(fields: "id", resolvable: false)')
export class MemberRefModel {
  @Field(() => ID) id!: string;
}

@ObjectType('Person', {
  description:
    "A person named in a record: by member id, with the name masked (张*明). The full name is the member's personal data: `member { name }`, resolved by the members service for callers allowed to read the member.",
})
export class PersonModel {
  @Field(() => ID, {
    nullable: true,
    description: 'The member; null only for records made before people were named by member id.',
  })
  memberId!: string | null;
  @Field({ description: 'The name masked (张*明): what this service keeps and publishes.' }) maskedName!: string;
}

@ObjectType('Leadership', { description: 'The current leadership (班子) and its term (任期).' })
export class LeadershipModel {
  @Field() electedOn!: string;
  @Field(() => Int) termYears!: number;
  @Field() termEndsOn!: string;
  @Field(() => PersonModel) secretary!: PersonModel;
  @Field(() => [PersonModel]) deputySecretaries!: PersonModel[];
  @Field(() => [PersonModel]) committeeMembers!: PersonModel[];
}

@ObjectType('ComplianceFinding', { description: 'A setting rule not met: advice, not a block.' })
export class ComplianceFindingModel {
  @Field() code!: string;
  @Field() message!: string;
}

@ObjectType('Organization', { description: '党组织: a node of the organization tree.' })
@Directive('@key(fields: "id")')
export class OrganizationModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganizationTypeEnum) type!: string;
  @Field(() => OrganizationStatusEnum) status!: string;
  @Field(() => RegionModel) region!: RegionModel;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => [ID], { description: 'From the root down to the parent.' }) ancestorIds!: string[];
  @Field(() => Int) depth!: number;
  @Field() establishedOn!: string;
  @Field() documentNumber!: string;
  @Field(() => LeadershipModel, { nullable: true }) leadership!: LeadershipModel | null;
  @Field(() => ID, { nullable: true }) mergedIntoId!: string | null;
  @Field(() => Int, {
    description: 'Version of the organization stream: pass it as expectedVersion to detect concurrent edits.',
  })
  version!: number;
}

/** The page info of every connection of this subgraph (one `PageInfo` type; @lianjian/api). */
export const PageInfoModel = PageInfoType('PageInfo');

@ObjectType('OrganizationHistoryEntry', { description: 'One change of an organization, with the state it produced.' })
export class OrganizationHistoryEntryModel {
  @Field(() => Int) version!: number;
  @Field() eventType!: string;
  @Field() effectiveOn!: string;
  @Field() recordedAt!: Date;
  @Field() actor!: string;
  @Field() name!: string;
  @Field(() => OrganizationTypeEnum) type!: string;
  @Field(() => OrganizationStatusEnum) status!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => RegionModel) region!: RegionModel;
}

@ObjectType('OrganizationAsOf', { description: 'An organization as it stood on a past date.' })
export class OrganizationAsOfModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => OrganizationTypeEnum) type!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  @Field(() => RegionModel) region!: RegionModel;
  @Field(() => Int) depth!: number;
  @Field(() => Int) version!: number;
}

@ObjectType('ElectionDue')
export class ElectionDueModel {
  @Field(() => OrganizationModel) organization!: OrganizationModel;
  @Field(() => ElectionStatusEnum) status!: string;
}

@ObjectType('Unit', { description: '两新组织 / 驻区单位: an employer or organization registered in a region.' })
@Directive('@key(fields: "id")')
export class UnitModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => UnitKindEnum) kind!: string;
  @Field() industry!: string;
  @Field(() => Int) employees!: number;
  @Field({ description: '规模以上' }) aboveScale!: boolean;
  @Field(() => ID, { nullable: true }) buildingId!: string | null;
  @Field(() => RegionModel) region!: RegionModel;
  @Field(() => Int) version!: number;
}

@ObjectType('Building', { description: '楼宇 / 园区 / 商圈' })
@Directive('@key(fields: "id")')
export class BuildingModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => PlaceKindEnum) kind!: string;
  @Field() address!: string;
  @Field(() => RegionModel) region!: RegionModel;
  @Field(() => Int) version!: number;
}

@ObjectType('ServicePoint', { description: '党员服务点 / 党建服务站: a contact point, not an organization.' })
export class ServicePointModel {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field(() => ServicePointKindEnum) kind!: string;
  @Field(() => ID) hostOrganizationId!: string;
  @Field(() => ID, { nullable: true }) buildingId!: string | null;
  @Field(() => RegionModel) region!: RegionModel;
  @Field() openedOn!: string;
  @Field() open!: boolean;
}

@ObjectType('BuildingCoverage', { description: 'Whether a building is covered (覆盖), and by what.' })
export class BuildingCoverageModel {
  @Field() covered!: boolean;
  @Field(() => Int) unitCount!: number;
  @Field(() => Int) coveredUnitCount!: number;
  @Field(() => Int) aboveScaleUnitCount!: number;
  @Field(() => Int) coveredAboveScaleUnitCount!: number;
  @Field({ description: 'Covered units / units (0 when there are none).' }) unitCoverageRate!: number;
  @Field(() => [OrganizationModel]) organizations!: OrganizationModel[];
  @Field(() => [ServicePointModel]) servicePoints!: ServicePointModel[];
}

/** Cursor-paged lists (Relay style, @lianjian/api): `<Name>Connection { edges { cursor node } pageInfo totalCount }`. */

@ObjectType('OrganizationConnection')
export class OrganizationConnectionModel extends Connection(OrganizationModel, 'Organization', PageInfoModel) {}

@ObjectType('UnitConnection')
export class UnitConnectionModel extends Connection(UnitModel, 'Unit', PageInfoModel) {}

@ObjectType('BuildingConnection')
export class BuildingConnectionModel extends Connection(BuildingModel, 'Building', PageInfoModel) {}

@ObjectType('ServicePointConnection')
export class ServicePointConnectionModel extends Connection(ServicePointModel, 'ServicePoint', PageInfoModel) {}

import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { CommandInput, IsCalendarDate, ID_PATTERN, idMessage } from '@lianjian/api';
import { ORGANIZATION_TYPES, PLACE_KINDS, SERVICE_POINT_KINDS, UNIT_KINDS } from '@lianjian/organizations-domain';
import { OrganizationTypeEnum, PlaceKindEnum, ServicePointKindEnum, UnitKindEnum } from './types';

export const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const codeMessage = {
  message: '$property must be a region code such as huangpu (lowercase letters, digits and dashes), not a name',
};

/** Regions are codes, not names: what the schema says of every region field and argument. */
export const REGION_CODE = {
  district:
    'A district (区) code such as `huangpu`: lowercase letters, digits and dashes, not a name such as 黄浦区. ' +
    "A district admin's token carries the same code.",
  street:
    'A street or town (街道/镇) code such as `waitan`, within the district: lowercase letters, digits and dashes.',
  community:
    'A community (社区/居民区) code such as `zhongshan-east-1`, within the street: lowercase letters, digits and dashes.',
} as const;
const regionArg = (level: keyof typeof REGION_CODE) =>
  ({ type: () => String, nullable: true, description: `Only this region. ${REGION_CODE[level]}` }) as const;
export const DISTRICT_ARG = regionArg('district');
export const STREET_ARG = regionArg('street');
export const COMMUNITY_ARG = regionArg('community');

@InputType('RegionInput', {
  description:
    'Where an organization, unit, building or service point is: codes, not names (district `huangpu`, not 黄浦区). ' +
    'All null for the city level (the root committee); a district committee sets district; a street or community ' +
    'organization sets the levels down to its own.',
})
export class RegionInput {
  @Field(() => String, { nullable: true, description: REGION_CODE.district })
  @IsOptional()
  @Matches(CODE, codeMessage)
  district!: string | null;
  @Field(() => String, { nullable: true, description: REGION_CODE.street })
  @IsOptional()
  @Matches(CODE, codeMessage)
  street!: string | null;
  @Field(() => String, { nullable: true, description: REGION_CODE.community })
  @IsOptional()
  @Matches(CODE, codeMessage)
  community!: string | null;
}

@InputType('PersonInput', {
  description:
    "A person named in a record. Only the member id and the masked name (张*明) are kept and published: the full name is the members service's personal data.",
})
export class PersonInput {
  @Field({ description: 'The name as said; masked before it is kept, never stored in full here.' })
  @IsString()
  @Length(1, 50)
  name!: string;
  @Field(() => ID, { nullable: true, description: 'The member (card number): how the records refer to the person.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  memberId!: string | null;
}

@InputType({
  description:
    'Where to begin: the first organization is the root, the city committee: `organizationType: Committee`, ' +
    '`parentId: null`, every region level null; only the city admin establishes it. Every other organization names ' +
    'its parent, e.g. a district committee under the root with `region: { district: "huangpu" }` (a code).',
})
export class EstablishOrganizationInput extends CommandInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the client, or generated.' })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  organizationId?: string | null;
  @Field() @IsString() @Length(2, 100) name!: string;
  @Field(() => OrganizationTypeEnum) @IsIn(ORGANIZATION_TYPES) organizationType!: (typeof ORGANIZATION_TYPES)[number];
  @Field(() => ID, {
    nullable: true,
    description:
      'The parent organization. Null only for the root, the city committee (organizationType Committee), the ' +
      'first organization to establish; every other organization has a parent.',
  })
  @IsOptional()
  @Matches(ID_PATTERN, idMessage)
  parentId?: string | null;
  @Field(() => RegionInput) @ValidateNested() @Type(() => RegionInput) region!: RegionInput;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) buildingId?: string | null;
  @Field() @IsCalendarDate() establishedOn!: string;
  @Field({ description: '批复文号' }) @IsString() @Length(1, 100) documentNumber!: string;
  @Field(() => [ID], { nullable: true, description: 'Units the organization covers.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @Matches(ID_PATTERN, { each: true, ...idMessage })
  unitIds?: string[] | null;
}

@InputType()
export class RenameOrganizationInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field() @IsString() @Length(2, 100) name!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() effectiveOn?: string | null;
}

@InputType()
export class ChangeOrganizationTypeInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field(() => OrganizationTypeEnum) @IsIn(ORGANIZATION_TYPES) organizationType!: (typeof ORGANIZATION_TYPES)[number];
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() effectiveOn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) documentNumber?: string | null;
}

@InputType()
export class ReparentOrganizationInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) parentId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() effectiveOn?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(1, 100) documentNumber?: string | null;
}

@InputType()
export class TransferOrganizationToDistrictInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field(() => ID, { description: 'The new parent, in the target district.' })
  @Matches(ID_PATTERN, idMessage)
  parentId!: string;
  @Field(() => RegionInput) @ValidateNested() @Type(() => RegionInput) region!: RegionInput;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() effectiveOn?: string | null;
  @Field() @IsString() @Length(1, 100) documentNumber!: string;
}

@InputType()
export class MergeOrganizationInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) targetId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() effectiveOn?: string | null;
  @Field() @IsString() @Length(1, 100) documentNumber!: string;
}

@InputType()
export class DissolveOrganizationInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field() @IsString() @Length(2, 500) reason!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() effectiveOn?: string | null;
  @Field() @IsString() @Length(1, 100) documentNumber!: string;
}

@InputType()
export class ElectLeadershipInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field() @IsCalendarDate() electedOn!: string;
  @Field(() => PersonInput) @ValidateNested() @Type(() => PersonInput) secretary!: PersonInput;
  @Field(() => [PersonInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => PersonInput)
  deputySecretaries?: PersonInput[] | null;
  @Field(() => [PersonInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => PersonInput)
  committeeMembers?: PersonInput[] | null;
}

@InputType()
export class CoverUnitsInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) organizationId!: string;
  @Field(() => [ID])
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(ID_PATTERN, { each: true, ...idMessage })
  unitIds!: string[];
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() effectiveOn?: string | null;
}

@InputType()
export class RegisterUnitInput extends CommandInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) unitId?: string | null;
  @Field() @IsString() @Length(2, 200) name!: string;
  @Field(() => UnitKindEnum) @IsIn(UNIT_KINDS) kind!: (typeof UNIT_KINDS)[number];
  @Field() @IsString() @Length(0, 100) industry!: string;
  @Field(() => Int) @IsInt() @Min(0) @Max(10_000_000) employees!: number;
  @Field() @IsBoolean() aboveScale!: boolean;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) buildingId?: string | null;
  @Field(() => RegionInput) @ValidateNested() @Type(() => RegionInput) region!: RegionInput;
}

@InputType()
export class UpdateUnitInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) unitId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(2, 200) name?: string | null;
  @Field(() => UnitKindEnum, { nullable: true }) @IsOptional() @IsIn(UNIT_KINDS) kind?:
    (typeof UNIT_KINDS)[number] | null;
  @Field(() => String, { nullable: true }) @IsOptional() @IsString() @Length(0, 100) industry?: string | null;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(10_000_000) employees?: number | null;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() aboveScale?: boolean | null;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) buildingId?: string | null;
}

@InputType()
export class RegisterBuildingInput extends CommandInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) buildingId?: string | null;
  @Field() @IsString() @Length(2, 200) name!: string;
  @Field(() => PlaceKindEnum) @IsIn(PLACE_KINDS) kind!: (typeof PLACE_KINDS)[number];
  @Field() @IsString() @Length(0, 300) address!: string;
  @Field(() => RegionInput) @ValidateNested() @Type(() => RegionInput) region!: RegionInput;
}

@InputType()
export class OpenServicePointInput extends CommandInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) servicePointId?: string | null;
  @Field() @IsString() @Length(2, 200) name!: string;
  @Field(() => ServicePointKindEnum) @IsIn(SERVICE_POINT_KINDS) kind!: (typeof SERVICE_POINT_KINDS)[number];
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) hostOrganizationId!: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @Matches(ID_PATTERN, idMessage) buildingId?: string | null;
  @Field(() => RegionInput) @ValidateNested() @Type(() => RegionInput) region!: RegionInput;
  @Field() @IsCalendarDate() openedOn!: string;
}

@InputType()
export class CloseServicePointInput extends CommandInput {
  @Field(() => ID) @Matches(ID_PATTERN, idMessage) servicePointId!: string;
  @Field(() => String, { nullable: true }) @IsOptional() @IsCalendarDate() closedOn?: string | null;
}

import { AnyText, Count, MaskedName, Nullable, StringEnum, Struct, Text, Type, maskName } from '@lianjian/contracts';
import { type OrganizationsStreamCategory } from '../topics';

/**
 * The organizations service's published vocabulary: the value sets and shapes its messages share. They repeat the
 * domain's (libs/organizations/domain), which a contract may not import; a compile-time test in the service checks
 * every message's payload type against the domain event it publishes.
 */
export const ORGANIZATION_TYPES = [
  'Committee',
  'WorkingCommittee',
  'GeneralBranch',
  'Branch',
  'JointBranch',
  'MobileMembersBranch',
  'ProvisionalBranch',
  'PartyGroup',
] as const;
export const UNIT_KINDS = [
  'Enterprise',
  'SocialOrganization',
  'Institution',
  'StateOwnedEnterprise',
  'School',
  'Hospital',
  'GovernmentAgency',
  'Other',
] as const;
export const PLACE_KINDS = ['Building', 'Park', 'BusinessDistrict'] as const;
export const SERVICE_POINT_KINDS = ['ServicePoint', 'ServiceStation'] as const;
export const MEETING_TYPES = [
  'MembersMeeting',
  'CommitteeMeeting',
  'PartyGroupMeeting',
  'PartyLesson',
  'ThemeDay',
  'AnnualReviewMeeting',
] as const;

export const organizationType = StringEnum(ORGANIZATION_TYPES);

/** District (区), street or town (街道/镇), community (社区/居民区); null above that level. */
export const region = Struct({
  district: Nullable(Type.String()),
  street: Nullable(Type.String()),
  community: Nullable(Type.String()),
});

/**
 * A person named in a record (secretary, host, recorder): the member card number and the name masked (张*明). The
 * full name is the members service's personal data (ADR 0010): `Member.name` through the members subgraph. The
 * member id is null only in records made before v2, which named people by name alone.
 */
export const person = Struct({ memberId: Nullable(Type.String()), maskedName: MaskedName });

/** v1 → v2 of a person: the name masked, the clear name not carried on (ADR 0010). */
export const upcastPersonV1 = (p: { name: string; memberId: string | null }) => ({
  memberId: p.memberId,
  maskedName: maskName(p.name),
});

export const unitProfile = {
  name: Text,
  kind: StringEnum(UNIT_KINDS),
  industry: AnyText,
  employees: Count,
  aboveScale: Type.Boolean(),
  buildingId: Nullable(Type.String()),
  region,
};

/** The unit profile with every field optional: an update carries only what changed. */
export const optionalUnitProfile = {
  name: Type.Optional(unitProfile.name),
  kind: Type.Optional(unitProfile.kind),
  industry: Type.Optional(unitProfile.industry),
  employees: Type.Optional(unitProfile.employees),
  aboveScale: Type.Optional(unitProfile.aboveScale),
  buildingId: Type.Optional(unitProfile.buildingId),
  region: Type.Optional(unitProfile.region),
};

/** Message keys: the stream id of the aggregate the event belongs to. */
export const STREAM_KEYS: Record<OrganizationsStreamCategory, { description: string; pattern: string }> = {
  organization: {
    description: 'The organization stream: organization-<organizationId>.',
    pattern: '^organization-.+$',
  },
  unit: { description: 'The unit stream: unit-<unitId>.', pattern: '^unit-.+$' },
  building: { description: 'The building stream: building-<buildingId>.', pattern: '^building-.+$' },
  servicePoint: {
    description: 'The service point stream: service-point-<servicePointId>.',
    pattern: '^service-point-.+$',
  },
  meeting: { description: 'The meeting stream: meeting-<meetingId>.', pattern: '^meeting-.+$' },
};

import { type IsoDate } from '@lianjian/calendar';

/** The organization tree's vocabulary (see docs/glossary.md for the Chinese terms). */
export const ORGANIZATION_TYPES = [
  'Committee', // 党委
  'WorkingCommittee', // 党工委
  'GeneralBranch', // 党总支
  'Branch', // 党支部
  'JointBranch', // 联合党支部
  'MobileMembersBranch', // 流动党员党支部
  'ProvisionalBranch', // 临时党支部
  'PartyGroup', // 党小组
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const BRANCH_TYPES: readonly OrganizationType[] = [
  'Branch',
  'JointBranch',
  'MobileMembersBranch',
  'ProvisionalBranch',
];
export const isBranchType = (type: OrganizationType): boolean => BRANCH_TYPES.includes(type);

export type OrganizationStatus = 'active' | 'dissolved' | 'merged';

/** Where an organization sits: district (区), street or town (街道/镇), community (社区/居民区). City level has none. */
export interface Region {
  readonly district: string | null;
  readonly street: string | null;
  readonly community: string | null;
}

export type RegionLevel = 'city' | 'district' | 'street' | 'community';
export const regionLevel = (r: Region): RegionLevel =>
  r.community ? 'community' : r.street ? 'street' : r.district ? 'district' : 'city';

/** An ISO calendar date, `YYYY-MM-DD` (libs/shared/calendar). */
export type { IsoDate };

/**
 * A person as this service's events name them (a secretary, a host, a recorder): by member id, with the name masked
 * (张*明). The full name is the members service's personal data (ADR 0010), shown through the members subgraph.
 */
export interface Person {
  /** The member; null only for a person recorded before v2 of LeadershipElected / MeetingRecorded, by name. */
  readonly memberId: string | null;
  readonly maskedName: string;
}

export interface Leadership {
  readonly electedOn: IsoDate;
  readonly termYears: number;
  readonly termEndsOn: IsoDate;
  readonly secretary: Person;
  readonly deputySecretaries: readonly Person[];
  readonly committeeMembers: readonly Person[];
}

/** Which types an organization of a given type may have directly below it. */
export function allowedChildTypes(parent: OrganizationType): readonly OrganizationType[] {
  switch (parent) {
    case 'Committee':
    case 'WorkingCommittee':
      return ORGANIZATION_TYPES.filter((t) => t !== 'PartyGroup');
    case 'GeneralBranch':
      return BRANCH_TYPES;
    case 'Branch':
    case 'JointBranch':
    case 'MobileMembersBranch':
    case 'ProvisionalBranch':
      return ['PartyGroup'];
    case 'PartyGroup':
      return [];
  }
}

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
export type UnitKind = (typeof UNIT_KINDS)[number];
/** Non-public units (两新组织): the setting rules for general branches and committees by size apply to these. */
export const isNonPublicUnit = (kind: UnitKind): boolean => kind === 'Enterprise' || kind === 'SocialOrganization';

export const PLACE_KINDS = ['Building', 'Park', 'BusinessDistrict'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const SERVICE_POINT_KINDS = ['ServicePoint', 'ServiceStation'] as const;
export type ServicePointKind = (typeof SERVICE_POINT_KINDS)[number];

import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';
import { MongoClient } from 'mongodb';
import pMap from 'p-map';
import { type Caller, ROLES, type Role, signUserToken } from '@lianjian/auth';
import { ServiceProcess, eventually, freePort, requireEnv, uniqueName } from '@lianjian/testing';

/**
 * Who may do what: every query and mutation of the supergraph, run through the gateway as each of the five roles,
 * on something in their scope and on something outside it. The table below is the documentation of the rules
 * (ADR 0007); an operation added to the supergraph without an entry fails the first test.
 *
 * The seeded city:
 *
 *   city (市委)
 *   ├── huangpu (黄浦区委)                          district huangpu
 *   │   ├── street (南京东路街道党工委)             ← the organization admin's subtree
 *   │   │   ├── branch   member "own"  (the MEMBER) service point sp-own
 *   │   │   └── spare    (merged, dissolved, transferred by the table)
 *   │   ├── hp-branch    member "district"          service point sp-district
 *   │   └── hp-spare
 *   └── xuhui (徐汇区委)                            district xuhui
 *       ├── xh-branch    member "foreign"           service point sp-foreign
 *       └── xh-spare
 *   registry: hp-building and hp-unit in huangpu, xh-building and xh-unit in xuhui
 *
 * Transfers (组织关系转接), five per target, each with only the target's side as parties (own: the street's side;
 * district: Huangpu outside the street; foreign: Xuhui and the city): the target's member's own, its letter issued
 * ("own" from branch to hp-branch; "district" from hp-branch to xh-branch; "foreign" out of the city), then, each of a
 * member of its own, one awaiting its first approval by the target's side, one to send back, resubmit and revoke,
 * and two letters issued to the target's side as the receiver, to reject and to accept.
 *
 * Mobility (流动党员) and community registration: each target's member flows out (since 2026-10-01), flows in at
 * the spare branch of its side (own: spare; district: hp-spare; foreign: xh-spare), and is registered with the
 * community of the organization above its branch (own: street; district: huangpu; foreign: xuhui).
 *
 * Regional co-building (the projects service, issue 13): a joint council per target, convened by the target's side
 * (own: `street`; district: `huangpu`; foreign: `xuhui`), each with one member unit whose representative is the
 * target's member (own: hp-unit; district: st-unit, a Huangpu unit covered by `branch` — so the admin of `street` is
 * the admin of a member unit's organization there; foreign: xh-unit). A council is read by its convener's side, by its
 * member units' representatives and by the admins of their organizations; changed by its convener's side only.
 *
 * Callers: the city admin; Huangpu's district admin; the admin of `street`; the member "own" of `branch` (the
 * representative of own's council's member unit); a city-wide analytics reader.
 */

const JWT = { issuer: 'lianjian', audience: 'lianjian-api', secret: 'e2e-authorization-user-secret' };
const SUBGRAPH_SECRET = 'e2e-authorization-subgraph-secret';
const TODAY = '2026-11-22';

// ---- targets ------------------------------------------------------------------------------------------------------

/**
 * What an operation is aimed at. `own`: inside every scoped caller's scope (the member's own branch and themself,
 * in the organization admin's subtree, in the district admin's district). `district`: in Huangpu, outside the
 * organization admin's subtree. `foreign`: in Xuhui. `mixed`: an own subject (organization, unit) given a foreign
 * object (a Xuhui unit, building, member or merge target) — for mutations that take one.
 */
type TargetName = 'own' | 'district' | 'foreign' | 'mixed';
interface Target {
  readonly organization: string; // a branch
  readonly superior: string; // the organization above it (approvals, reparenting)
  readonly spare: string; // a branch nothing else uses: merged, dissolved, transferred
  readonly mergeTarget: string;
  readonly elsewhere: { readonly parent: string; readonly district: string }; // another district (transfers)
  readonly district: string;
  readonly member: string;
  readonly attendee: string;
  readonly servicePoint: string;
  readonly unit: string;
  readonly building: string;
  readonly coveredUnit: string; // a unit an organization covers
  readonly inBuilding: string; // the building a unit or service point is placed in
  readonly placeDistrict: string; // the region of a new service point
  readonly receiver: string; // a branch the target's member could be transferred to
  readonly transfers: TransferFixtures;
  readonly council: string; // a joint council convened by the target's side (projects)
  readonly convener: string;
  readonly councilLevel: { readonly level: string; readonly street: string | null };
  readonly councilUnit: string; // the council's member unit, represented by the target's member
  readonly need: string; // a need of the council
  readonly resource: string; // offered by the council's unit
  readonly pairing: string; // of the target's organization and its superior
  readonly project: string; // a project of the council, proposed from another need of it
}
const COUNCIL_OF = {
  own: { council: 'council-own', convener: 'street', councilLevel: { level: 'Street', street: 'nanjing-east' } },
  district: { council: 'council-district', convener: 'huangpu', councilLevel: { level: 'District', street: null } },
  foreign: { council: 'council-foreign', convener: 'xuhui', councilLevel: { level: 'District', street: null } },
} as const;
const members: Record<'own' | 'district' | 'foreign', string> = { own: '', district: '', foreign: '' };

/** The seeded transfers of a target (the header). */
interface TransferFixtures {
  /** The target's member's transfer, its letter issued (sender: the target's branch). */
  readonly issued: string;
  /** That letter's signed code. */
  readonly code: string;
  /** Awaiting its first approval, by the target's side. */
  readonly approve: string;
  /** Awaiting its first approval: sent back, resubmitted and revoked by the table. */
  readonly sendBack: string;
  /** Letters issued to the target's side as the receiver (out of the city: the sender records the receipt). */
  readonly reject: string;
  readonly accept: string;
}
const transfers: Record<'own' | 'district' | 'foreign', TransferFixtures> = {
  own: { issued: '', code: '', approve: '', sendBack: '', reject: '', accept: '' },
  district: { issued: '', code: '', approve: '', sendBack: '', reject: '', accept: '' },
  foreign: { issued: '', code: '', approve: '', sendBack: '', reject: '', accept: '' },
};
/** Each seeded transfer's member and parties (sender, receiver, approvers): who may see it (visibleTo). */
const seededTransfers: Record<string, { member: string; parties: readonly string[] }> = {};
const TARGETS: Record<TargetName, Target> = {
  own: {
    organization: 'branch',
    superior: 'street',
    spare: 'spare',
    mergeTarget: 'branch',
    elsewhere: { parent: 'xuhui', district: 'xuhui' },
    district: 'huangpu',
    get member() {
      return members.own;
    },
    get attendee() {
      return members.own;
    },
    servicePoint: 'sp-own',
    unit: 'hp-unit',
    building: 'hp-building',
    coveredUnit: 'hp-unit',
    inBuilding: 'hp-building',
    placeDistrict: 'huangpu',
    receiver: 'hp-branch',
    get transfers() {
      return transfers.own;
    },
    ...COUNCIL_OF.own,
    need: 'need-own',
    resource: 'resource-own',
    pairing: 'pairing-own',
    project: 'project-own',
    councilUnit: 'hp-unit',
  },
  district: {
    organization: 'hp-branch',
    superior: 'huangpu',
    spare: 'hp-spare',
    mergeTarget: 'hp-branch',
    elsewhere: { parent: 'xuhui', district: 'xuhui' },
    district: 'huangpu',
    get member() {
      return members.district;
    },
    get attendee() {
      return members.district;
    },
    servicePoint: 'sp-district',
    unit: 'hp-unit',
    building: 'hp-building',
    coveredUnit: 'hp-unit',
    inBuilding: 'hp-building',
    placeDistrict: 'huangpu',
    receiver: 'xh-branch',
    get transfers() {
      return transfers.district;
    },
    ...COUNCIL_OF.district,
    need: 'need-district',
    resource: 'resource-district',
    pairing: 'pairing-district',
    project: 'project-district',
    councilUnit: 'st-unit',
  },
  foreign: {
    organization: 'xh-branch',
    superior: 'xuhui',
    spare: 'xh-spare',
    mergeTarget: 'xh-branch',
    elsewhere: { parent: 'huangpu', district: 'huangpu' },
    district: 'xuhui',
    get member() {
      return members.foreign;
    },
    get attendee() {
      return members.foreign;
    },
    servicePoint: 'sp-foreign',
    unit: 'xh-unit',
    building: 'xh-building',
    coveredUnit: 'xh-unit',
    inBuilding: 'xh-building',
    placeDistrict: 'xuhui',
    receiver: 'hp-branch',
    get transfers() {
      return transfers.foreign;
    },
    ...COUNCIL_OF.foreign,
    need: 'need-foreign',
    resource: 'resource-foreign',
    pairing: 'pairing-foreign',
    project: 'project-foreign',
    councilUnit: 'xh-unit',
  },
  mixed: {
    organization: 'branch',
    superior: 'street',
    spare: 'spare',
    mergeTarget: 'xh-branch',
    elsewhere: { parent: 'xuhui', district: 'xuhui' },
    district: 'huangpu',
    get member() {
      return members.own;
    },
    get attendee() {
      return members.foreign;
    },
    servicePoint: 'sp-own',
    unit: 'hp-unit',
    building: 'hp-building',
    coveredUnit: 'xh-unit',
    inBuilding: 'xh-building',
    placeDistrict: 'xuhui',
    receiver: 'xh-branch',
    get transfers() {
      return transfers.own;
    },
    ...COUNCIL_OF.own,
    need: 'need-own',
    resource: 'resource-own',
    pairing: 'pairing-own',
    project: 'project-own',
    councilUnit: 'hp-unit',
  },
};

// ---- outcomes -----------------------------------------------------------------------------------------------------

/** Allowed: a query answers with data (showing the target); a mutation is not refused as FORBIDDEN (it may fail on a domain rule). */
const A = 'allowed';
/** Refused with FORBIDDEN; a mutation wrote nothing. */
const F = 'FORBIDDEN';
/** Hidden: answered without the target (a list filtered to the caller's scope; an import line refused in its report). */
const H = 'hidden';
type Outcome = typeof A | typeof F | typeof H;
/** Per role, the outcome on the targets own, district, foreign (and mixed, when the entry has it). */
type Access = Readonly<Record<Role, readonly Outcome[]>>;

//                                      own district foreign
const READ: Access = {
  CITY_ADMIN: [A, A, A],
  DISTRICT_ADMIN: [A, A, F],
  ORGANIZATION_ADMIN: [A, F, F],
  MEMBER: [A, F, F],
  ANALYTICS_READER: [A, A, A],
};
/** Lists and reports of an organization's members: a member is shown only themself, the others filtered out. */
const MEMBER_LIST: Access = { ...READ, MEMBER: [A, H, H] };
/** Lists by district: a district admin is refused another district; subtree and own-organization callers see theirs. */
const DISTRICT_LIST: Access = { ...READ, ORGANIZATION_ADMIN: [A, H, H], MEMBER: [A, H, H] };
/** The unit registry (units, buildings, service points, coverage) is read by district; members do not read it. */
const REGISTRY_READ: Access = { ...READ, ORGANIZATION_ADMIN: [A, A, F], MEMBER: [F, F, F] };
//                                      own district foreign mixed
const WRITE: Access = {
  CITY_ADMIN: [A, A, A, A],
  DISTRICT_ADMIN: [A, A, F, F],
  ORGANIZATION_ADMIN: [A, F, F, F],
  MEMBER: [F, F, F, F],
  ANALYTICS_READER: [F, F, F, F],
};
/** Registering units and buildings is for the city and the district: an organization admin registers nothing. */
const REGISTRY_WRITE: Access = { ...WRITE, ORGANIZATION_ADMIN: [F, F, F, F] };
/** Dues paid and reductions asked by the member themself, or by an admin of their scope. */
const SELF_OR_WRITE: Access = { ...WRITE, MEMBER: [A, F, F, F] };
/** Moves between districts (整建制转移) need both districts: the city. */
const CITY_ONLY: Access = { ...WRITE, DISTRICT_ADMIN: [F, F, F, F], ORGANIZATION_ADMIN: [F, F, F, F] };
const EVERYONE: Access = Object.fromEntries(ROLES.map((r) => [r, [A, A, A]])) as unknown as Access;
const ownColumnsOnly = (access: Access): Access =>
  Object.fromEntries(
    Object.entries(access).map(([role, outcomes]) => [role, outcomes.slice(0, 3)]),
  ) as unknown as Access;

/**
 * A transfer is seen by the city level, the admins of its parties (sender, receiver, the approvers on its path) and
 * its member: READ on the targets' transfers, whose parties are each target's side only. A branch's transfer lists
 * are for the admins (and readers) of the branch; a member is shown only their own transfers in them (as in
 * myTransfers), so a nested Organization.incomingTransfers never hides their organization.
 */
const TRANSFER_LIST: Access = { ...READ, MEMBER: [A, H, H] };
/** myTransfers: the member's own transfer, nobody else's; the other roles have none. */
const MY_TRANSFERS: Access = {
  CITY_ADMIN: [H, H, H],
  DISTRICT_ADMIN: [H, H, H],
  ORGANIZATION_ADMIN: [H, H, H],
  MEMBER: [A, H, H],
  ANALYTICS_READER: [H, H, H],
};
/**
 * A transfer's steps, each by its side's admins: initiating, resubmitting, revoking and renewing by the sender's;
 * approving and sending back by the next approver's on the path; accepting and rejecting by the receiver's (out of
 * the city: the sender's). Members and readers change nothing.
 */
const TRANSFER_STEP: Access = ownColumnsOnly(WRITE);

/**
 * Joint councils (projects): read by the convener's side (city, district, the convener's subtree's admins, readers),
 * by the representatives of its member units (the MEMBER represents own's unit) and by the admins of a member unit's
 * organization (district's unit is covered by `branch`, in `street`'s subtree).
 */
const COUNCIL_READ: Access = {
  CITY_ADMIN: [A, A, A],
  DISTRICT_ADMIN: [A, A, H],
  ORGANIZATION_ADMIN: [A, A, H],
  MEMBER: [A, H, H],
  ANALYTICS_READER: [A, A, A],
};
/** A pairing: read by the scope of either of its organizations (a council outside one's scope does not exist for one). */
const PAIRING_READ: Access = { ...COUNCIL_READ, ORGANIZATION_ADMIN: [A, H, H] };
/** What a member unit does (offer, withdraw, claim a wish, vote): the council's admins, its representative, its organization's admins. */
const ACTS_FOR_UNIT: Access = {
  CITY_ADMIN: [A, A, A],
  DISTRICT_ADMIN: [A, A, F],
  ORGANIZATION_ADMIN: [A, A, F],
  MEMBER: [A, F, F],
  ANALYTICS_READER: [F, F, F],
};
/** A district's satisfaction: the city, the district's admins, analytics readers; not organization admins nor members. */
const REGION_SATISFACTION: Access = { ...READ, ORGANIZATION_ADMIN: [F, F, F], MEMBER: [F, F, F] };
/** The ranking: refused another district's admin; organization admins and members see the projects of councils they read. */
const RANKING: Access = { ...READ, ORGANIZATION_ADMIN: [A, A, A], MEMBER: [A, A, A] };
/** A district's councils: the district admin is refused another district; the others see what they may read. */
const COUNCIL_LIST: Access = { ...COUNCIL_READ, DISTRICT_ADMIN: [A, A, F] };
/** Changed by the convener's side only (a representative or a unit's organization acts only for its unit). */
const COUNCIL_WRITE: Access = ownColumnsOnly(WRITE);
/** The council's readers by id (what a list may show each role). */
const councilReaders: Record<string, readonly Role[]> = {
  'council-own': ['CITY_ADMIN', 'DISTRICT_ADMIN', 'ORGANIZATION_ADMIN', 'MEMBER', 'ANALYTICS_READER'],
  'council-district': ['CITY_ADMIN', 'DISTRICT_ADMIN', 'ORGANIZATION_ADMIN', 'ANALYTICS_READER'],
  'council-foreign': ['CITY_ADMIN', 'ANALYTICS_READER'],
};

// ---- the table ------------------------------------------------------------------------------------------------------

interface Entry {
  /** The operation, with its variables. */
  readonly document: string;
  readonly variables?: (t: Target) => Record<string, unknown>;
  readonly access: Access;
  /** The id an allowed query's answer shows (and a hidden one does not). */
  readonly shows?: (t: Target) => string;
  /** A mutation's answer that refused the target in its data (an import's line). */
  readonly refusedInData?: (data: Record<string, unknown>) => boolean;
}

let sequence = 0;
/** GB 11643: the check digit of a citizen ID number's first 17 digits. */
const checkDigitOf = (body: string): string => {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return '10X98765432'[sum % 11]!;
};
const citizenId = (): string => {
  sequence += 1;
  const body = `310101${1970 + Math.floor(sequence / 400)}0101${String((sequence % 400) * 2 + 1).padStart(3, '0')}`;
  return `${body}${checkDigitOf(body)}`;
};
const IMPORT_HEADER =
  '姓名,性别,民族,公民身份号码,手机号码,学历,人员类别,申请入党日期,确定积极分子日期,确定发展对象日期,入党日期,转正日期,党籍状态,所在党组织编号,工作单位编号,月收入,党内职务';
const memberId = (t: Target) => ({ memberId: t.member });
const memberIdInput = (t: Target) => ({ input: { memberId: t.member } });
const transferStep =
  (id: (t: Target) => string, extra: Record<string, unknown> = {}) =>
  (t: Target) => ({ input: { transferId: id(t), ...extra } });
const dated = (t: Target) => ({ input: { memberId: t.member, on: '2026-11-01' } });
const approval = (t: Target) => ({
  input: { memberId: t.member, approverOrganizationId: t.superior, approvedOn: '2026-11-01' },
});
const vote = (t: Target) => ({
  // the vote comes from the recorded members' meeting (issue 11 §3): an unrecorded one is refused after the scope check
  input: { memberId: t.member, vote: { meetingId: 'members-meeting-1', resolution: 1 } },
});
const organizationArg = (t: Target) => ({ organizationId: t.organization });
const districtArg = (t: Target) => ({ district: t.district });
const region = (district: string) => ({ district, street: null, community: null });

const QUERIES: Record<string, Entry> = {
  building: {
    // nested: the organizations in the building and the hosts of its service points (only those the caller may read)
    document:
      'query($id: ID!) { building(id: $id) { id coverage { organizations { id } servicePoints { id hostOrganization { id } } } } }',
    variables: (t) => ({ id: t.building }),
    access: REGISTRY_READ,
    shows: (t) => t.building,
  },
  buildings: {
    document: 'query($district: String) { buildings(district: $district) { edges { node { id } } } }',
    variables: districtArg,
    access: REGISTRY_READ,
    shows: (t) => t.building,
  },
  duesArrears: {
    document: 'query($organizationId: ID!) { duesArrears(organizationId: $organizationId) { member { id } } }',
    variables: organizationArg,
    access: MEMBER_LIST,
    shows: (t) => t.member,
  },
  duesCollection: {
    document:
      'query($organizationId: ID!) { duesCollection(organizationId: $organizationId, fromMonth: "2026-10", toMonth: "2026-10") { billedMembers } }',
    variables: organizationArg,
    access: MEMBER_LIST,
  },
  electionsDue: {
    document: 'query($district: String) { electionsDue(district: $district) { organization { id parent { id } } } }',
    variables: districtArg,
    access: DISTRICT_LIST,
    shows: (t) => t.organization,
  },
  eligibleWithoutOrganization: {
    document: 'query($district: String) { eligibleWithoutOrganization(district: $district) { unit { id } } }',
    variables: districtArg,
    access: REGISTRY_READ,
  },
  council: {
    document: 'query($id: ID!) { council(id: $id) { id } }',
    variables: (t) => ({ id: t.council }),
    // a council outside one's scope does not exist for one: answered null, never refused
    access: COUNCIL_READ,
    shows: (t) => t.council,
  },
  councils: {
    document: 'query($district: String) { councils(district: $district) { edges { node { id } } } }',
    variables: districtArg,
    access: COUNCIL_LIST,
    shows: (t) => t.council,
  },
  need: {
    document: 'query($id: ID!) { need(id: $id) { id status } }',
    variables: (t) => ({ id: t.need }),
    access: COUNCIL_READ,
    shows: (t) => t.need,
  },
  resource: {
    document: 'query($id: ID!) { resource(id: $id) { id remaining } }',
    variables: (t) => ({ id: t.resource }),
    access: COUNCIL_READ,
    shows: (t) => t.resource,
  },
  project: {
    document: 'query($id: ID!) { project(id: $id) { id status history { type } } }',
    variables: (t) => ({ id: t.project }),
    access: COUNCIL_READ,
    shows: (t) => t.project,
  },
  projects: {
    document: 'query($district: String) { projects(district: $district) { edges { node { id } } } }',
    variables: districtArg,
    access: COUNCIL_LIST,
    shows: (t) => t.project,
  },
  pairing: {
    document: 'query($id: ID!) { pairing(id: $id) { id } }',
    variables: (t) => ({ id: t.pairing }),
    access: PAIRING_READ,
    shows: (t) => t.pairing,
  },
  satisfaction: {
    document: 'query($district: String!) { satisfaction(district: $district) { ratings rate } }',
    variables: districtArg,
    access: REGION_SATISFACTION,
  },
  satisfactionRanking: {
    document:
      'query($district: String!) { satisfactionRanking(district: $district) { totalCount edges { node { projectId } } } }',
    variables: districtArg,
    access: RANKING,
  },
  communityRegistrations: {
    // a branch's members' registrations (the member's side; a member sees their own)
    document:
      'query($organizationId: ID) { communityRegistrations(organizationId: $organizationId) { edges { node { communityId member { id } } } } }',
    variables: organizationArg,
    access: MEMBER_LIST,
    shows: (t) => t.member,
  },
  lapseCandidates: {
    document: 'query($organizationId: ID) { lapseCandidates(organizationId: $organizationId) { member { id } } }',
    variables: organizationArg,
    access: MEMBER_LIST,
  },
  me: { document: '{ me { id organization { id parent { id } } } }', access: EVERYONE },
  member: {
    // nested: the member's transfers (only those the caller may see)
    document: 'query($id: ID!) { member(id: $id) { id organization { id parent { id } } transfers { id } } }',
    variables: (t) => ({ id: t.member }),
    access: READ,
    shows: (t) => t.member,
  },
  memberByCard: {
    document: 'query($card: String!) { memberByCard(cardNumber: $card) { id } }',
    variables: (t) => ({ card: t.member }),
    access: READ,
    shows: (t) => t.member,
  },
  memberOrganizationOn: {
    document:
      'query($memberId: ID!) { memberOrganizationOn(memberId: $memberId, date: "2026-11-01") { organization { id } cause } }',
    variables: memberId,
    access: READ,
    shows: (t) => t.organization,
  },
  memberRelationshipTimeline: {
    document:
      'query($memberId: ID!) { memberRelationshipTimeline(memberId: $memberId) { organization { id } cause transferId } }',
    variables: memberId,
    access: READ,
    shows: (t) => t.organization,
  },
  mobileMembersIn: {
    // the members flowing in at a host (its side; a member sees their own)
    document:
      'query($organizationId: ID) { mobileMembersIn(organizationId: $organizationId) { edges { node { hostOrganizationId member { id } } } } }',
    variables: (t) => ({ organizationId: t.spare }),
    access: MEMBER_LIST,
    shows: (t) => t.member,
  },
  mobileMembersOut: {
    document:
      'query($organizationId: ID) { mobileMembersOut(organizationId: $organizationId) { edges { node { organizationId member { id } } } } }',
    variables: organizationArg,
    access: MEMBER_LIST,
    shows: (t) => t.member,
  },
  members: {
    document:
      'query($organizationId: ID) { members(organizationId: $organizationId) { edges { node { id organization { id } } } } }',
    variables: organizationArg,
    access: MEMBER_LIST,
    shows: (t) => t.member,
  },
  myTransfers: {
    document: '{ myTransfers { id status member { id } letter { validUntil } } }',
    access: MY_TRANSFERS,
    shows: (t) => t.transfers.issued,
  },
  openTransferLetter: {
    // the letter's code opens the transfer for whoever may see it (the receiver scans it)
    document: 'query($code: String!) { openTransferLetter(code: $code) { id status member { id } } }',
    variables: (t) => ({ code: t.transfers.code }),
    access: READ,
    shows: (t) => t.transfers.issued,
  },
  organization: {
    // nested: its parent, ancestors, children and members (only those the caller may read)
    document:
      'query($id: ID!) { organization(id: $id) { id parent { id } ancestors { id } children { edges { node { id } } } members { edges { node { id } } } } }',
    variables: (t) => ({ id: t.organization }),
    access: READ,
    shows: (t) => t.organization,
  },
  organizationTreeAsOf: {
    document: `query($rootId: ID) { organizationTreeAsOf(date: "${TODAY}", rootId: $rootId) { id } }`,
    variables: (t) => ({ rootId: t.organization }),
    // the tree as it stood is filtered to the caller's scope, as the tree of today is
    access: { ...DISTRICT_LIST, DISTRICT_ADMIN: [A, A, H] },
    shows: (t) => t.organization,
  },
  organizations: {
    document: 'query($district: String) { organizations(district: $district) { edges { node { id } } } }',
    variables: districtArg,
    access: DISTRICT_LIST,
    shows: (t) => t.organization,
  },
  personalDataAudit: {
    document: 'query($memberId: ID!) { personalDataAudit(memberId: $memberId) { actor } }',
    variables: memberId,
    // who read a member's full ID number: the member themself and the admins of their scope, never analytics
    access: { ...READ, ANALYTICS_READER: [F, F, F] },
  },
  pipelineDeadlines: {
    document: 'query($organizationId: ID) { pipelineDeadlines(organizationId: $organizationId) { member { id } } }',
    variables: organizationArg,
    access: MEMBER_LIST,
  },
  regionCoverage: {
    document: 'query($district: String) { regionCoverage(district: $district) { unitCount } }',
    variables: districtArg,
    access: REGISTRY_READ,
  },
  servicePoints: {
    document:
      'query($district: String) { servicePoints(district: $district) { edges { node { id hostOrganization { id } } } } }',
    variables: districtArg,
    access: REGISTRY_READ,
    shows: (t) => t.servicePoint,
  },
  suspensionCandidates: {
    document: 'query($organizationId: ID) { suspensionCandidates(organizationId: $organizationId) { id } }',
    variables: organizationArg,
    access: MEMBER_LIST,
  },
  transfer: {
    document: 'query($id: ID!) { transfer(id: $id) { id status member { id } } }',
    variables: (t) => ({ id: t.transfers.issued }),
    access: READ,
    shows: (t) => t.transfers.issued,
  },
  transferLetter: {
    // printed by the sending side's admins or the member themself; a reader sees the transfer but prints nothing
    document: 'query($transferId: ID!) { transferLetter(transferId: $transferId) { code } }',
    variables: (t) => ({ transferId: t.transfers.issued }),
    access: ownColumnsOnly(SELF_OR_WRITE),
  },
  transfers: {
    document:
      'query($organizationId: ID) { transfers(organizationId: $organizationId, direction: Outgoing) { edges { node { id member { id } } } } }',
    variables: organizationArg,
    access: TRANSFER_LIST,
    shows: (t) => t.transfers.issued,
  },
  unit: {
    // nested: the organizations covering the unit (only those the caller may read)
    document: 'query($id: ID!) { unit(id: $id) { id coveredBy { id } } }',
    variables: (t) => ({ id: t.unit }),
    access: REGISTRY_READ,
    shows: (t) => t.unit,
  },
  units: {
    document: 'query($district: String) { units(district: $district) { edges { node { id coveredBy { id } } } } }',
    variables: districtArg,
    access: REGISTRY_READ,
    shows: (t) => t.unit,
  },
};

/** Mutations run in this order (allowed cases one after another, least privileged first): moves come last. */
const MUTATIONS: Record<string, Entry> = {
  approveAdmission: {
    document: 'mutation($input: SuperiorApprovalInput!) { approveAdmission(input: $input) { id } }',
    variables: approval,
    access: ownColumnsOnly(WRITE),
  },
  approveFullMembership: {
    document: 'mutation($input: SuperiorApprovalInput!) { approveFullMembership(input: $input) { id } }',
    variables: approval,
    access: ownColumnsOnly(WRITE),
  },
  cancelProbation: {
    document: 'mutation($input: ReasonedStepInput!) { cancelProbation(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, on: '2026-11-01', reason: '测试' } }),
    access: ownColumnsOnly(WRITE),
  },
  changeMembershipStatus: {
    document: 'mutation($input: ChangeMembershipStatusInput!) { changeMembershipStatus(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, on: '2026-11-01', reason: '测试', status: 'Retained' } }),
    access: ownColumnsOnly(WRITE),
  },
  changeOrganizationType: {
    document: 'mutation($input: ChangeOrganizationTypeInput!) { changeOrganizationType(input: $input) { id } }',
    variables: (t) => ({ input: { organizationId: t.organization, organizationType: 'JointBranch' } }),
    access: ownColumnsOnly(WRITE),
  },
  closeServicePoint: {
    document: 'mutation($input: CloseServicePointInput!) { closeServicePoint(input: $input) { id } }',
    variables: (t) => ({ input: { servicePointId: t.servicePoint } }),
    access: ownColumnsOnly(WRITE),
  },
  coverUnits: {
    document: 'mutation($input: CoverUnitsInput!) { coverUnits(input: $input) { id } }',
    variables: (t) => ({ input: { organizationId: t.organization, unitIds: [t.coveredUnit] } }),
    access: WRITE,
  },
  decideDuesReduction: {
    document: 'mutation($input: DecideDuesReductionInput!) { decideDuesReduction(input: $input) { id } }',
    variables: (t) => ({
      input: { memberId: t.member, reductionId: 'r-1', level: 'Branch', approved: true, decidedOn: '2026-11-01' },
    }),
    access: ownColumnsOnly(WRITE),
  },
  declareDuesBase: {
    document: 'mutation($input: DeclareDuesBaseInput!) { declareDuesBase(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, category: 'Employed', monthlyIncome: 6000 } }),
    access: ownColumnsOnly(WRITE),
  },
  designateActivist: {
    document: 'mutation($input: DatedStepInput!) { designateActivist(input: $input) { id } }',
    variables: dated,
    access: ownColumnsOnly(WRITE),
  },
  designateDevelopmentCandidate: {
    document:
      'mutation($input: DesignateDevelopmentCandidateInput!) { designateDevelopmentCandidate(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, on: '2026-11-01', sponsorIds: [t.member] } }),
    access: ownColumnsOnly(WRITE),
  },
  electLeadership: {
    document: 'mutation($input: ElectLeadershipInput!) { electLeadership(input: $input) { id } }',
    variables: (t) => ({
      input: { organizationId: t.organization, electedOn: '2026-11-01', secretary: { name: '王书记' } },
    }),
    access: ownColumnsOnly(WRITE),
  },
  erasePersonalData: {
    document: 'mutation($input: ErasePersonalDataInput!) { erasePersonalData(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, reason: '本人申请' } }),
    // crypto-shredding is for the city and the district: not an organization admin
    access: ownColumnsOnly({ ...WRITE, ORGANIZATION_ADMIN: [F, F, F] }),
  },
  establishOrganization: {
    document: 'mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }',
    variables: (t) => ({
      input: {
        name: '新党支部',
        organizationType: 'Branch',
        parentId: t.superior,
        region: region(t.district),
        establishedOn: '2026-11-01',
        documentNumber: '1号',
        unitIds: [t.coveredUnit],
      },
    }),
    access: WRITE,
  },
  extendProbation: {
    document: 'mutation($input: ExtendProbationInput!) { extendProbation(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, on: '2026-11-01', months: 6 } }),
    access: ownColumnsOnly(WRITE),
  },
  importMembers: {
    document:
      'mutation($input: ImportMembersInput!) { importMembers(input: $input) { imported failed errors { reason } } }',
    variables: (t) => ({
      input: {
        fileName: `${uniqueName('import')}.csv`,
        content: [
          IMPORT_HEADER,
          `导入党员,男,汉族,${citizenId()},13800001234,大学,在职,,,,2010-07-01,2011-07-01,正常,${t.organization},,5000,`,
        ].join('\n'),
      },
    }),
    // an import refuses, line by line, the branches outside the caller's scope; readers and members import nothing
    access: { ...ownColumnsOnly(WRITE), DISTRICT_ADMIN: [A, A, H], ORGANIZATION_ADMIN: [A, H, H] },
    refusedInData: (data) => {
      const report = data['importMembers'] as { imported: number; errors: Array<{ reason: string }> };
      return report.imported === 0 && report.errors.some((e) => /outside your scope/.test(e.reason));
    },
  },
  issueDuesBills: {
    document: 'mutation($input: IssueDuesBillsInput!) { issueDuesBills(input: $input) { billed } }',
    variables: (t) => ({ input: { organizationId: t.organization, month: '2026-11' } }),
    access: ownColumnsOnly(WRITE),
  },
  openServicePoint: {
    document: 'mutation($input: OpenServicePointInput!) { openServicePoint(input: $input) { id } }',
    variables: (t) => ({
      input: {
        hostOrganizationId: t.organization,
        kind: 'ServicePoint',
        name: '新服务点',
        openedOn: '2026-11-01',
        region: region(t.placeDistrict),
        buildingId: t.inBuilding,
      },
    }),
    access: WRITE,
  },
  payDues: {
    document: 'mutation($input: PayDuesInput!) { payDues(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, months: ['2026-10'], amount: 50 } }),
    access: ownColumnsOnly(SELF_OR_WRITE),
  },
  recordContactRestored: {
    document: 'mutation($input: DatedStepInput!) { recordContactRestored(input: $input) { id } }',
    variables: dated,
    access: ownColumnsOnly(WRITE),
  },
  recordLapseDecision: {
    document: 'mutation($input: RecordLapseDecisionInput!) { recordLapseDecision(input: $input) { id } }',
    variables: (t) => ({
      input: {
        memberId: t.member,
        approverOrganizationId: t.superior,
        branchDecidedOn: '2026-11-01',
        approvedOn: '2026-11-02',
        decision: 'Keep',
      },
    }),
    access: ownColumnsOnly(WRITE),
  },
  recordLostContact: {
    document: 'mutation($input: RecordLostContactInput!) { recordLostContact(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, since: '2026-01-01' } }),
    access: ownColumnsOnly(WRITE),
  },
  recordMeeting: {
    document: 'mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }',
    variables: (t) => ({
      input: {
        organizationId: t.organization,
        meetingType: 'MembersMeeting',
        heldOn: '2026-11-01',
        host: { name: '王书记' },
        recorder: { name: '李委员' },
        attendeeIds: [t.attendee],
        topics: ['学习'],
      },
    }),
    // attendance is each attendee's organizational life: only for members of the caller's scope
    access: WRITE,
  },
  registerBuilding: {
    document: 'mutation($input: RegisterBuildingInput!) { registerBuilding(input: $input) { id } }',
    variables: (t) => ({
      input: { name: '新大厦', address: '某路1号', kind: 'Building', region: region(t.district) },
    }),
    access: ownColumnsOnly(REGISTRY_WRITE),
  },
  registerMember: {
    document: 'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
    variables: (t) => ({
      input: {
        organizationId: t.organization,
        name: '新党员',
        idNumber: citizenId(),
        ethnicity: '汉族',
        education: '大学',
        category: 'Retired',
        joinedOn: '2000-07-01',
        fullMembershipOn: '2001-07-01',
      },
    }),
    access: ownColumnsOnly(WRITE),
  },
  registerUnit: {
    document: 'mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }',
    variables: (t) => ({
      input: {
        name: '新公司',
        kind: 'Enterprise',
        industry: '软件',
        employees: 10,
        aboveScale: false,
        region: region(t.district),
        buildingId: t.inBuilding,
      },
    }),
    access: REGISTRY_WRITE,
  },
  renameOrganization: {
    document: 'mutation($input: RenameOrganizationInput!) { renameOrganization(input: $input) { id } }',
    variables: (t) => ({ input: { organizationId: t.organization, name: '改名党支部' } }),
    access: ownColumnsOnly(WRITE),
  },
  reparentOrganization: {
    document: 'mutation($input: ReparentOrganizationInput!) { reparentOrganization(input: $input) { id } }',
    // under the parent it already has: the tree stays as seeded
    variables: (t) => ({ input: { organizationId: t.organization, parentId: t.superior } }),
    access: ownColumnsOnly(WRITE),
  },
  requestDuesReduction: {
    document: 'mutation($input: RequestDuesReductionInput!) { requestDuesReduction(input: $input) { id } }',
    variables: (t) => ({
      input: { memberId: t.member, kind: 'Waiver', fromMonth: '2026-12', toMonth: '2027-01', reason: '生活困难' },
    }),
    access: ownColumnsOnly(SELF_OR_WRITE),
  },
  resolveAdmission: {
    document: 'mutation($input: BranchDecisionInput!) { resolveAdmission(input: $input) { id } }',
    variables: vote,
    access: ownColumnsOnly(WRITE),
  },
  resolveFullMembership: {
    document: 'mutation($input: BranchDecisionInput!) { resolveFullMembership(input: $input) { id } }',
    variables: vote,
    access: ownColumnsOnly(WRITE),
  },
  uncoverUnits: {
    document: 'mutation($input: CoverUnitsInput!) { uncoverUnits(input: $input) { id } }',
    variables: (t) => ({ input: { organizationId: t.organization, unitIds: [t.coveredUnit] } }),
    access: ownColumnsOnly(WRITE),
  },
  updateUnit: {
    document: 'mutation($input: UpdateUnitInput!) { updateUnit(input: $input) { id } }',
    variables: (t) => ({ input: { unitId: t.unit, name: '改名公司', buildingId: t.inBuilding } }),
    access: REGISTRY_WRITE,
  },
  // transfers, in the order of the workflow, each on the target's seeded transfers (the header)
  initiateTransfer: {
    document: 'mutation($input: InitiateTransferInput!) { initiateTransfer(input: $input) { id status } }',
    // the target's member (their transfer under way: TRANSFER_ALREADY_OPEN once allowed); mixed: to another
    // district's branch, which the sender's side may name
    variables: (t) => ({
      input: {
        memberId: t.member,
        toOrganizationId: t.receiver,
        reason: '工作调动',
        letterNumber: '沪组转〔2026〕90号',
      },
    }),
    access: { ...WRITE, DISTRICT_ADMIN: [A, A, F, A], ORGANIZATION_ADMIN: [A, F, F, A] },
  },
  approveTransfer: {
    document: 'mutation($input: TransferStepInput!) { approveTransfer(input: $input) { id status } }',
    variables: transferStep((t) => t.transfers.approve),
    access: TRANSFER_STEP,
  },
  sendBackTransfer: {
    document: 'mutation($input: ReasonedTransferInput!) { sendBackTransfer(input: $input) { id status } }',
    variables: transferStep((t) => t.transfers.sendBack, { reason: '材料不全' }),
    access: TRANSFER_STEP,
  },
  resubmitTransfer: {
    document: 'mutation($input: TransferStepInput!) { resubmitTransfer(input: $input) { id status } }',
    variables: transferStep((t) => t.transfers.sendBack),
    access: TRANSFER_STEP,
  },
  revokeTransfer: {
    document: 'mutation($input: ReasonedTransferInput!) { revokeTransfer(input: $input) { id status } }',
    variables: transferStep((t) => t.transfers.sendBack, { reason: '本人放弃' }),
    access: TRANSFER_STEP,
  },
  rejectTransfer: {
    document: 'mutation($input: ReasonedTransferInput!) { rejectTransfer(input: $input) { id status } }',
    variables: transferStep((t) => t.transfers.reject, { reason: '未报到' }),
    access: TRANSFER_STEP,
  },
  acceptTransfer: {
    document: 'mutation($input: AcceptTransferInput!) { acceptTransfer(input: $input) { id status memberLanded } }',
    variables: transferStep((t) => t.transfers.accept),
    access: TRANSFER_STEP,
  },
  renewTransferLetter: {
    document: 'mutation($input: RenewTransferLetterInput!) { renewTransferLetter(input: $input) { id status } }',
    // the target's letter has not expired: TRANSFER_STATE_NOT_ALLOWED once allowed
    variables: transferStep((t) => t.transfers.issued, { letterNumber: '沪组转〔2026〕91号' }),
    access: TRANSFER_STEP,
  },
  // mobility: the member's side registers and ends a flow-out, records contact, marks lost contact (the seeded
  // flow-outs: ALREADY_FLOWING_OUT, FLOW_OUT_CONTACT_RECENT once allowed); a flow-in by the host's side (mixed: a
  // foreign member flowing in at an own branch, which its host registers), ended by either side
  registerFlowOut: {
    document: 'mutation($input: RegisterFlowOutInput!) { registerFlowOut(input: $input) { memberId } }',
    variables: (t) => ({ input: { memberId: t.member, destination: '江苏省苏州市', from: '2026-11-01' } }),
    access: ownColumnsOnly(WRITE),
  },
  recordFlowOutContact: {
    document: 'mutation($input: RecordFlowOutContactInput!) { recordFlowOutContact(input: $input) { memberId } }',
    variables: (t) => ({ input: { memberId: t.member, on: '2026-11-20' } }),
    access: ownColumnsOnly(WRITE),
  },
  markFlowOutLostContact: {
    document: 'mutation($input: MarkFlowOutLostContactInput!) { markFlowOutLostContact(input: $input) { memberId } }',
    variables: memberIdInput,
    access: ownColumnsOnly(WRITE),
  },
  endFlowOut: {
    document: 'mutation($input: EndFlowOutInput!) { endFlowOut(input: $input) { memberId } }',
    variables: (t) => ({ input: { memberId: t.member, endedOn: '2026-11-21', ending: 'Returned' } }),
    access: ownColumnsOnly(WRITE),
  },
  registerFlowIn: {
    document: 'mutation($input: RegisterFlowInInput!) { registerFlowIn(input: $input) { memberId } }',
    variables: (t) => ({ input: { memberId: t.attendee, hostOrganizationId: t.organization, from: '2026-11-01' } }),
    access: { ...WRITE, DISTRICT_ADMIN: [A, A, F, A], ORGANIZATION_ADMIN: [A, F, F, A] },
  },
  endFlowIn: {
    document: 'mutation($input: EndFlowInInput!) { endFlowIn(input: $input) { memberId } }',
    variables: (t) => ({ input: { memberId: t.member, endedOn: '2026-11-21', ending: 'Left' } }),
    access: ownColumnsOnly(WRITE),
  },
  // community registration: registered and revoked by the member, their side or the community's; services and
  // feedback by the community's side only (the seeded registration: COMMUNITY_ALREADY_REGISTERED once allowed)
  registerWithCommunity: {
    document: 'mutation($input: RegisterWithCommunityInput!) { registerWithCommunity(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, communityId: t.superior } }),
    access: ownColumnsOnly(SELF_OR_WRITE),
  },
  recordCommunityService: {
    document: 'mutation($input: RecordCommunityServiceInput!) { recordCommunityService(input: $input) { id } }',
    variables: (t) => ({
      input: { memberId: t.member, communityId: t.superior, kind: 'Volunteering', on: '2026-11-15', hours: 2 },
    }),
    access: ownColumnsOnly(WRITE),
  },
  giveCommunityFeedback: {
    document: 'mutation($input: GiveCommunityFeedbackInput!) { giveCommunityFeedback(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, communityId: t.superior, rating: 'Good' } }),
    access: ownColumnsOnly(WRITE),
  },
  revokeCommunityRegistration: {
    document:
      'mutation($input: RevokeCommunityRegistrationInput!) { revokeCommunityRegistration(input: $input) { id } }',
    variables: (t) => ({ input: { memberId: t.member, communityId: t.superior } }),
    access: ownColumnsOnly(SELF_OR_WRITE),
  },
  // joint councils (projects): convened and changed by the convener's side (the allowed ones: a new council, the
  // unit already a member, the representative unchanged, a seat and a session added, an unknown seat or unit refused
  // by the domain)
  conveneCouncil: {
    document: 'mutation($input: ConveneCouncilInput!) { conveneCouncil(input: $input) { id } }',
    variables: (t) => ({
      input: {
        name: '区域化党建联席会议',
        kind: 'JointConference',
        convenerOrganizationId: t.convener,
        ...t.councilLevel,
        convenedOn: '2026-11-01',
      },
    }),
    access: COUNCIL_WRITE,
  },
  joinCouncil: {
    document: 'mutation($input: JoinCouncilInput!) { joinCouncil(input: $input) { id } }',
    variables: (t) => ({ input: { councilId: t.council, unitId: t.councilUnit, joinedOn: '2026-11-02' } }),
    access: COUNCIL_WRITE,
  },
  changeCouncilRepresentative: {
    document:
      'mutation($input: ChangeCouncilRepresentativeInput!) { changeCouncilRepresentative(input: $input) { id } }',
    variables: (t) => ({
      input: { councilId: t.council, unitId: t.councilUnit, representativeMemberId: t.member, changedOn: '2026-11-02' },
    }),
    access: COUNCIL_WRITE,
  },
  fillCommitteeSeat: {
    document: 'mutation($input: FillCommitteeSeatInput!) { fillCommitteeSeat(input: $input) { id } }',
    variables: (t) => ({
      input: {
        councilId: t.council,
        title: 'Member',
        unitId: t.councilUnit,
        representativeMemberId: t.member,
        filledOn: '2026-11-02',
      },
    }),
    access: COUNCIL_WRITE,
  },
  vacateCommitteeSeat: {
    document: 'mutation($input: VacateCommitteeSeatInput!) { vacateCommitteeSeat(input: $input) { id } }',
    variables: (t) => ({ input: { councilId: t.council, seatId: 'no-such-seat', vacatedOn: '2026-11-03' } }),
    access: COUNCIL_WRITE,
  },
  holdCouncilSession: {
    document: 'mutation($input: HoldCouncilSessionInput!) { holdCouncilSession(input: $input) { id } }',
    variables: (t) => ({
      input: {
        councilId: t.council,
        heldOn: '2026-11-03',
        attendingUnitIds: [t.councilUnit],
        resolutions: [{ number: 1, subject: '共建项目立项' }],
      },
    }),
    access: COUNCIL_WRITE,
  },
  leaveCouncil: {
    document: 'mutation($input: LeaveCouncilInput!) { leaveCouncil(input: $input) { id } }',
    variables: (t) => ({ input: { councilId: t.council, unitId: 'no-such-unit', leftOn: '2026-11-04' } }),
    access: COUNCIL_WRITE,
  },
  // the lists (projects): a unit's need, offer, withdrawal and wish claim by whoever acts for the unit; declining,
  // serving, a contact's reveal and the need form's link by the council's admins (the allowed ones: the domain
  // refuses what the state no longer allows)
  submitNeed: {
    document: 'mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }',
    variables: (t) => ({
      input: {
        councilId: t.council,
        unitId: t.councilUnit,
        kind: 'Need',
        category: 'PublicServices',
        title: '共建需求',
        description: '单位提出的需求',
        submitterKind: 'Unit',
        submittedOn: '2026-11-05',
      },
    }),
    access: ACTS_FOR_UNIT,
  },
  offerResource: {
    document: 'mutation($input: OfferResourceInput!) { offerResource(input: $input) { id } }',
    variables: (t) => ({
      input: {
        councilId: t.council,
        unitId: t.councilUnit,
        kind: 'Venue',
        title: '会议室',
        categories: ['PublicServices'],
        quantity: 1,
        measure: '间',
        offeredOn: '2026-11-05',
        availableFrom: '2026-11-05',
      },
    }),
    access: ACTS_FOR_UNIT,
  },
  claimWish: {
    document: 'mutation($input: ClaimWishInput!) { claimWish(input: $input) { id } }',
    variables: (t) => ({ input: { needId: t.need, unitId: t.councilUnit, claimedOn: '2026-11-06' } }),
    access: ACTS_FOR_UNIT,
  },
  revealNeedContact: {
    document: 'mutation($needId: ID!) { revealNeedContact(needId: $needId) { name } }',
    variables: (t) => ({ needId: t.need }),
    access: COUNCIL_WRITE,
  },
  needFormLink: {
    document: 'mutation($councilId: ID!) { needFormLink(councilId: $councilId) { code } }',
    variables: (t) => ({ councilId: t.council }),
    access: COUNCIL_WRITE,
  },
  needReceiptCode: {
    document: 'mutation($needId: ID!) { needReceiptCode(needId: $needId) }',
    variables: (t) => ({ needId: t.need }),
    access: COUNCIL_WRITE,
  },
  serveNeed: {
    document: 'mutation($input: ServeNeedInput!) { serveNeed(input: $input) { id } }',
    variables: (t) => ({ input: { needId: t.need, servedOn: '2026-11-07' } }),
    access: COUNCIL_WRITE,
  },
  declineNeed: {
    document: 'mutation($input: DeclineNeedInput!) { declineNeed(input: $input) { id } }',
    variables: (t) => ({ input: { needId: t.need, reason: '不在共建范围', declinedOn: '2026-11-08' } }),
    access: COUNCIL_WRITE,
  },
  withdrawResource: {
    document: 'mutation($input: WithdrawResourceInput!) { withdrawResource(input: $input) { id } }',
    variables: (t) => ({ input: { resourceId: t.resource, withdrawnOn: '2026-11-08' } }),
    access: ACTS_FOR_UNIT,
  },
  // pairings (结对共建): agreed by whoever writes for both organizations (a branch's and its superior's: the
  // superior's side), ended by whoever writes for either
  agreePairing: {
    document: 'mutation($input: AgreePairingInput!) { agreePairing(input: $input) { id } }',
    variables: (t) => ({
      input: {
        organizationIds: [t.organization, t.superior],
        commitments: [
          { organizationId: t.organization, commitment: '组织志愿服务' },
          { organizationId: t.superior, commitment: '提供场地' },
        ],
        from: '2026-11-01',
        until: '2027-10-31',
      },
    }),
    access: ownColumnsOnly(WRITE),
  },
  endPairing: {
    document: 'mutation($input: EndPairingInput!) { endPairing(input: $input) { id } }',
    variables: (t) => ({ input: { pairingId: t.pairing, endedOn: '2026-11-10', reason: '共建目标完成' } }),
    access: ownColumnsOnly(WRITE),
  },
  // a project's lifecycle (its seeded project is Proposed: the allowed steps past it are refused by the domain, and
  // nothing is claimed, so milestones and sign-ins are the council's admins' only): by the council's admins; approved
  // by an admin of the approving committee (the convener); claimed and resources used by whoever acts for the unit
  proposeProject: {
    document: 'mutation($input: ProposeProjectInput!) { proposeProject(input: $input) { id } }',
    variables: (t) => ({
      input: { councilId: t.council, title: '共建项目', needIds: [t.need], proposedOn: '2026-11-09' },
    }),
    access: COUNCIL_WRITE,
  },
  resolveProject: {
    document: 'mutation($input: ResolveProjectInput!) { resolveProject(input: $input) { id } }',
    variables: (t) => ({
      input: { projectId: t.project, sessionId: 'no-such-session', resolution: 1, resolvedOn: '2026-11-10' },
    }),
    access: COUNCIL_WRITE,
  },
  approveProject: {
    document: 'mutation($input: ApproveProjectInput!) { approveProject(input: $input) { id } }',
    variables: (t) => ({
      input: { projectId: t.project, approverOrganizationId: t.convener, approvedOn: '2026-11-10' },
    }),
    access: COUNCIL_WRITE,
  },
  claimProject: {
    document: 'mutation($input: ClaimProjectInput!) { claimProject(input: $input) { id } }',
    variables: (t) => ({
      input: {
        projectId: t.project,
        unitId: t.councilUnit,
        resources: [{ kind: 'Volunteers', quantity: 5, unit: '人' }],
        description: '组织志愿者',
        claimedOn: '2026-11-10',
      },
    }),
    access: ACTS_FOR_UNIT,
  },
  startProject: {
    document: 'mutation($input: StartProjectInput!) { startProject(input: $input) { id } }',
    variables: (t) => ({ input: { projectId: t.project, startedOn: '2026-11-11' } }),
    access: COUNCIL_WRITE,
  },
  recordProjectMilestone: {
    document: 'mutation($input: RecordProjectMilestoneInput!) { recordProjectMilestone(input: $input) { id } }',
    variables: (t) => ({ input: { projectId: t.project, title: '完成施工', reachedOn: '2026-11-12' } }),
    access: COUNCIL_WRITE,
  },
  recordProjectResourceUse: {
    document: 'mutation($input: RecordProjectResourceUseInput!) { recordProjectResourceUse(input: $input) { id } }',
    variables: (t) => ({
      input: {
        projectId: t.project,
        unitId: t.councilUnit,
        resourceKind: 'Volunteers',
        quantity: 1,
        usedOn: '2026-11-12',
      },
    }),
    access: ACTS_FOR_UNIT,
  },
  recordProjectSignIn: {
    document: 'mutation($input: RecordProjectSignInInput!) { recordProjectSignIn(input: $input) { id } }',
    variables: (t) => ({ input: { projectId: t.project, kind: 'Member', memberId: t.member, on: '2026-11-12' } }),
    access: COUNCIL_WRITE,
  },
  completeProject: {
    document: 'mutation($input: CompleteProjectInput!) { completeProject(input: $input) { id } }',
    variables: (t) => ({ input: { projectId: t.project, completedOn: '2026-11-13' } }),
    access: COUNCIL_WRITE,
  },
  scoreProject: {
    document: 'mutation($input: ScoreProjectInput!) { scoreProject(input: $input) { id } }',
    variables: (t) => ({
      input: {
        projectId: t.project,
        scores: [
          { indicator: 'ImplementationPerformance', score: 90 },
          { indicator: 'FundsAndBenefit', score: 80 },
          { indicator: 'ProcessQuality', score: 85 },
        ],
        scoredOn: '2026-11-14',
      },
    }),
    access: COUNCIL_WRITE,
  },
  closeProject: {
    document: 'mutation($input: CloseProjectInput!) { closeProject(input: $input) { id } }',
    variables: (t) => ({ input: { projectId: t.project, closedOn: '2026-11-15' } }),
    access: COUNCIL_WRITE,
  },
  projectRatingLink: {
    document: 'mutation($projectId: ID!) { projectRatingLink(projectId: $projectId) { code } }',
    variables: (t) => ({ projectId: t.project }),
    access: COUNCIL_WRITE,
  },
  // the most creative project: nominated and selected by the council's admins, voted for by whoever acts for a unit
  // (the allowed ones: no such project or nomination, refused by the domain)
  nominateCreativeProject: {
    document:
      'mutation($input: NominateCreativeProjectInput!) { nominateCreativeProject(input: $input) { councilId } }',
    variables: (t) => ({
      input: { councilId: t.council, period: '2026', projectId: 'no-such-project', nominatedOn: '2026-11-10' },
    }),
    access: COUNCIL_WRITE,
  },
  voteCreativeProject: {
    document: 'mutation($input: VoteCreativeProjectInput!) { voteCreativeProject(input: $input) { councilId } }',
    variables: (t) => ({
      input: {
        councilId: t.council,
        period: '2026',
        unitId: t.councilUnit,
        projectId: 'no-such-project',
        votedOn: '2026-11-11',
      },
    }),
    access: ACTS_FOR_UNIT,
  },
  selectCreativeProject: {
    document: 'mutation($input: SelectCreativeProjectInput!) { selectCreativeProject(input: $input) { councilId } }',
    variables: (t) => ({ input: { councilId: t.council, period: '2026', selectedOn: '2026-11-12' } }),
    access: COUNCIL_WRITE,
  },
  // moves of the spare branches last: merged, dissolved, then (by the city) transferred to the other district
  mergeOrganization: {
    document: 'mutation($input: MergeOrganizationInput!) { mergeOrganization(input: $input) { id } }',
    variables: (t) => ({ input: { organizationId: t.spare, targetId: t.mergeTarget, documentNumber: '2号' } }),
    access: WRITE,
  },
  dissolveOrganization: {
    document: 'mutation($input: DissolveOrganizationInput!) { dissolveOrganization(input: $input) { id } }',
    variables: (t) => ({ input: { organizationId: t.spare, reason: '撤销', documentNumber: '3号' } }),
    access: ownColumnsOnly(WRITE),
  },
  transferOrganizationToDistrict: {
    document:
      'mutation($input: TransferOrganizationToDistrictInput!) { transferOrganizationToDistrict(input: $input) { id } }',
    variables: (t) => ({
      input: {
        organizationId: t.spare,
        parentId: t.elsewhere.parent,
        region: region(t.elsewhere.district),
        documentNumber: '4号',
      },
    }),
    access: ownColumnsOnly(CITY_ONLY),
  },
};

// ---- running the table ----------------------------------------------------------------------------------------------

interface Answer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}
interface Case {
  readonly operation: string;
  readonly role: Role;
  readonly target: TargetName;
  readonly expected: Outcome;
  readonly entry: Entry;
}

const TARGET_ORDER: readonly TargetName[] = ['own', 'district', 'foreign', 'mixed'];
const casesOf = (table: Record<string, Entry>): Case[] =>
  Object.entries(table).flatMap(([operation, entry]) =>
    ROLES.flatMap((role) =>
      entry.access[role].map((expected, i) => ({ operation, role, target: TARGET_ORDER[i]!, expected, entry })),
    ),
  );

/** The root fields of the composed supergraph, as the gateway serves them. */
function supergraphOperations(): { Query: string[]; Mutation: string[] } {
  // the gateway's own (SUPERGRAPH_FILE, as the gateway reads it), else the committed one
  const file = process.env['SUPERGRAPH_FILE'] ?? path.join(__dirname, '../supergraph.graphql');
  const document = parse(readFileSync(file, 'utf8'));
  const fields = (name: string) =>
    document.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name)
      .flatMap((d) => (d.fields ?? []).map((f) => f.name.value))
      .sort();
  return { Query: fields('Query'), Mutation: fields('Mutation') };
}

/** Every `id` in an answer. */
function idsIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => idsIn(v, found));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'id' && typeof v === 'string') found.add(v);
      else idsIn(v, found);
    }
  }
  return found;
}

describe('every operation authorized for every role, in scope and out of scope (through the gateway)', () => {
  const topicPrefix = `${uniqueName('e2eauth')}.`;
  const databases = {
    organizations: uniqueName('e2eauth-o'),
    members: uniqueName('e2eauth-m'),
    projects: uniqueName('e2eauth-p'),
  };
  let organizationsService: ServiceProcess;
  let membersService: ServiceProcess;
  let projectsService: ServiceProcess;
  let gateway: ServiceProcess;
  let gatewayUrl: string;
  let mongo: MongoClient;

  const callers = (): Record<Role, Caller> => {
    const caller = (role: Role, extra: Partial<Caller> = {}): Caller => ({
      subject: `${role.toLowerCase()}@authorization`,
      role,
      district: null,
      organizationId: null,
      memberId: null,
      ...extra,
    });
    return {
      CITY_ADMIN: caller('CITY_ADMIN'),
      DISTRICT_ADMIN: caller('DISTRICT_ADMIN', { district: 'huangpu' }),
      ORGANIZATION_ADMIN: caller('ORGANIZATION_ADMIN', { organizationId: 'street' }),
      MEMBER: caller('MEMBER', { memberId: members.own, organizationId: 'branch' }),
      ANALYTICS_READER: caller('ANALYTICS_READER'),
    };
  };
  const tokens = new Map<Role, string>();
  const token = async (role: Role): Promise<string> => {
    if (!tokens.has(role)) tokens.set(role, await signUserToken(callers()[role], JWT));
    return tokens.get(role)!;
  };
  const call = async (role: Role, query: string, variables: Record<string, unknown> = {}): Promise<Answer> => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(role)}` },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, ...((await response.json()) as Omit<Answer, 'status'>) };
  };
  const ok = async <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) => {
    const answer = await call('CITY_ADMIN', query, variables);
    if (answer.errors?.length) throw new Error(JSON.stringify(answer.errors));
    return answer.data as T;
  };
  const codeOf = (answer: Answer): string | undefined => {
    const code = answer.errors?.[0]?.extensions?.['code'];
    return typeof code === 'string' ? code : undefined;
  };

  /** What a role may see: the seeded ids in its scope (anything else in an answer is a leak). */
  const seeded: Record<string, { organization?: string; district: string | null }> = {};
  /** The seeded tree: each organization's ancestors. */
  const ancestors: Record<string, string[]> = {
    city: [],
    huangpu: ['city'],
    xuhui: ['city'],
    street: ['city', 'huangpu'],
    branch: ['city', 'huangpu', 'street'],
    spare: ['city', 'huangpu', 'street'],
    'hp-branch': ['city', 'huangpu'],
    'hp-spare': ['city', 'huangpu'],
    'xh-branch': ['city', 'xuhui'],
    'xh-spare': ['city', 'xuhui'],
  };
  const visibleTo = (role: Role, id: string): boolean => {
    const council = councilReaders[id];
    if (council) return council.includes(role);
    const transfer = seededTransfers[id];
    if (transfer) {
      // the city level, the admins of its parties, its member
      switch (role) {
        case 'CITY_ADMIN':
        case 'ANALYTICS_READER':
          return true;
        case 'DISTRICT_ADMIN':
          return transfer.parties.some((party) => seeded[party]?.district === 'huangpu');
        case 'ORGANIZATION_ADMIN':
          return transfer.parties.some((party) => [...ancestors[party]!, party].includes('street'));
        case 'MEMBER':
          return transfer.member === members.own;
      }
    }
    const place = seeded[id];
    if (!place) return true; // not one of the seeded things (a generated id)
    const inSubtree =
      place.organization !== undefined && [...ancestors[place.organization]!, place.organization].includes('street');
    switch (role) {
      case 'CITY_ADMIN':
      case 'ANALYTICS_READER':
        return true;
      case 'DISTRICT_ADMIN':
        return place.district === 'huangpu';
      case 'ORGANIZATION_ADMIN':
        // the subtree, and the registry of its district
        return place.organization === undefined ? place.district === 'huangpu' : inSubtree;
      case 'MEMBER':
        return id === members.own || id === 'branch';
    }
  };

  /** The documents a command writes (events, keys, reservations, imports, audit), counted in both databases. */
  const writes = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    for (const database of Object.values(databases)) {
      const db = mongo.db(database);
      for (const { name } of await db.listCollections().toArray()) {
        if (
          name.endsWith('_commits') ||
          ['member_keys', 'citizen_id_index', 'member_imports', 'personal_data_audit'].includes(name)
        )
          counts[`${database}.${name}`] = await db.collection(name).countDocuments({});
      }
    }
    return counts;
  };

  beforeAll(async () => {
    const [orgPort, memberPort, projectsPort, gwPort] = await Promise.all([
      freePort(),
      freePort(),
      freePort(),
      freePort(),
    ]);
    const common = {
      HOST: '127.0.0.1',
      MONGODB_URI: requireEnv('MONGODB_URI'),
      KAFKA_BROKERS: requireEnv('KAFKA_BROKERS'),
      TOPIC_PREFIX: topicPrefix,
      GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
      LIANJIAN_TODAY: TODAY,
    };
    mongo = await MongoClient.connect(requireEnv('MONGODB_URI'));
    [organizationsService, membersService, projectsService] = await Promise.all([
      ServiceProcess.start(
        'apps/organizations/src/main.ts',
        { ...common, PORT: String(orgPort), MONGODB_DATABASE: databases.organizations },
        `http://127.0.0.1:${orgPort}/health`,
      ),
      ServiceProcess.start(
        'apps/members/src/main.ts',
        {
          ...common,
          PORT: String(memberPort),
          MONGODB_DATABASE: databases.members,
          MEMBERS_MASTER_KEY: randomBytes(32).toString('base64'),
        },
        `http://127.0.0.1:${memberPort}/health`,
      ),
      ServiceProcess.start(
        'apps/projects/src/main.ts',
        {
          ...common,
          PORT: String(projectsPort),
          MONGODB_DATABASE: databases.projects,
          PROJECTS_MASTER_KEY: randomBytes(32).toString('base64'),
        },
        `http://127.0.0.1:${projectsPort}/health`,
      ),
    ]);
    gatewayUrl = `http://127.0.0.1:${gwPort}/graphql`;
    gateway = await ServiceProcess.start(
      'apps/gateway/src/main.ts',
      {
        PORT: String(gwPort),
        HOST: '127.0.0.1',
        GATEWAY_MODE: 'development', // the documents of the table are sent as text
        SUBGRAPH_URL_ORGANIZATIONS: `http://127.0.0.1:${orgPort}/graphql`,
        SUBGRAPH_URL_MEMBERS: `http://127.0.0.1:${memberPort}/graphql`,
        SUBGRAPH_URL_PROJECTS: `http://127.0.0.1:${projectsPort}/graphql`,
        GATEWAY_SUBGRAPH_SECRET: SUBGRAPH_SECRET,
        JWT_SECRET: JWT.secret,
        JWT_ISSUER: JWT.issuer,
        JWT_AUDIENCE: JWT.audience,
      },
      `http://127.0.0.1:${gwPort}/readiness`,
    );

    // the registry: a building and a unit in each district
    for (const [prefix, district] of [
      ['hp', 'huangpu'],
      ['xh', 'xuhui'],
    ] as const) {
      seeded[`${prefix}-building`] = { district };
      seeded[`${prefix}-unit`] = { district };
      await ok('mutation($input: RegisterBuildingInput!) { registerBuilding(input: $input) { id } }', {
        input: {
          buildingId: `${prefix}-building`,
          name: `${district}大厦`,
          address: '1号',
          kind: 'Building',
          region: region(district),
        },
      });
      await ok('mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }', {
        input: {
          unitId: `${prefix}-unit`,
          name: `${district}公司`,
          kind: 'Enterprise',
          industry: '软件',
          employees: 100,
          aboveScale: true,
          region: region(district),
          buildingId: `${prefix}-building`,
        },
      });
    }

    // the tree
    const establish = async (
      id: string,
      type: string,
      parentId: string | null,
      district: string | null,
      buildingId: string | null = null,
    ) => {
      seeded[id] = { organization: id, district };
      await ok('mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }', {
        input: {
          organizationId: id,
          name: `${id} 党组织`,
          organizationType: type,
          parentId,
          region: { district, street: id === 'street' ? 'nanjing-east' : null, community: null },
          buildingId,
          establishedOn: '2020-01-01',
          documentNumber: '沪委〔2020〕1号',
        },
      });
    };
    await establish('city', 'Committee', null, null);
    await Promise.all([
      establish('huangpu', 'Committee', 'city', 'huangpu'),
      establish('xuhui', 'Committee', 'city', 'xuhui'),
    ]);
    await Promise.all([
      establish('street', 'WorkingCommittee', 'huangpu', 'huangpu'),
      establish('hp-branch', 'JointBranch', 'huangpu', 'huangpu', 'hp-building'),
      establish('hp-spare', 'JointBranch', 'huangpu', 'huangpu'),
      establish('xh-branch', 'JointBranch', 'xuhui', 'xuhui', 'xh-building'),
      establish('xh-spare', 'JointBranch', 'xuhui', 'xuhui'),
    ]);
    await Promise.all([
      establish('branch', 'JointBranch', 'street', 'huangpu'),
      establish('spare', 'JointBranch', 'street', 'huangpu'),
    ]);

    // a service point hosted by each branch, and each district's unit covered by its district branch
    for (const [servicePointId, host, district] of [
      ['sp-own', 'branch', 'huangpu'],
      ['sp-district', 'hp-branch', 'huangpu'],
      ['sp-foreign', 'xh-branch', 'xuhui'],
    ] as const) {
      seeded[servicePointId] = { district };
      await ok('mutation($input: OpenServicePointInput!) { openServicePoint(input: $input) { id } }', {
        input: {
          servicePointId,
          hostOrganizationId: host,
          kind: 'ServicePoint',
          name: `${host}服务点`,
          openedOn: '2026-01-01',
          region: region(district),
          buildingId: district === 'huangpu' ? 'hp-building' : 'xh-building',
        },
      });
    }

    for (const [organizationId, unitId] of [
      ['hp-branch', 'hp-unit'],
      ['xh-branch', 'xh-unit'],
    ])
      await ok('mutation($input: CoverUnitsInput!) { coverUnits(input: $input) { id } }', {
        input: { organizationId, unitIds: [unitId] },
      });

    // the transfers of the header: who approves each, from the tree as seeded (the common ancestor, the city across
    // districts and out of the city)
    const PATHS: Record<string, readonly string[]> = {
      'branch>hp-branch': ['street', 'huangpu'],
      'hp-branch>branch': ['huangpu', 'street'],
      'hp-branch>xh-branch': ['huangpu', 'city', 'xuhui'],
      'xh-branch>hp-branch': ['xuhui', 'city', 'huangpu'],
      'xh-branch>out': ['xuhui', 'city'],
    };
    let letters = 0;
    /** The city admin approves for the next organizations on the path, one after another. */
    const approve = async (transferId: string, times: number) => {
      for (let i = 0; i < times; i += 1)
        await ok('mutation($input: TransferStepInput!) { approveTransfer(input: $input) { id } }', {
          input: { transferId },
        });
    };
    /** Initiated by the city admin (once the members service knows both branches), then approved `approvals` times. */
    const startTransfer = async (member: string, from: string, to: string | null, approvals: number) => {
      const transferId = randomUUID();
      letters += 1;
      const input = {
        transferId,
        memberId: member,
        toOrganizationId: to,
        outsideOrganization: to ? null : '北京市某区委某党支部',
        reason: '工作调动',
        letterNumber: `沪组转〔2026〕${letters}号`,
      };
      const started = await eventually(
        () =>
          ok<{ initiateTransfer: { approvalPath: string[] } }>(
            'mutation($input: InitiateTransferInput!) { initiateTransfer(input: $input) { approvalPath } }',
            { input },
          ),
        60_000,
        300,
      );
      const path = PATHS[`${from}>${to ?? 'out'}`]!;
      expect(started.initiateTransfer.approvalPath).toEqual(path);
      seededTransfers[transferId] = { member, parties: [from, ...(to ? [to] : []), ...path] };
      await approve(transferId, approvals);
      return transferId;
    };
    const ISSUED_TO = { own: 'hp-branch', district: 'xh-branch', foreign: null } as const;
    const issued: Record<'own' | 'district' | 'foreign', string> = { own: '', district: '', foreign: '' };

    // a member in each branch (once the members service has learnt the branch from the organizations' events), their
    // transfer initiated (before their dues are billed: arrears hold a transfer), billed for October
    await pMap(
      [
        ['own', 'branch'],
        ['district', 'hp-branch'],
        ['foreign', 'xh-branch'],
      ] as const,
      async ([which, branch]) => {
        const idNumber = citizenId();
        members[which] = await eventually(
          async () =>
            (
              await ok<{ registerMember: { id: string } }>(
                'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
                {
                  input: {
                    organizationId: branch,
                    name: `${which}党员`,
                    idNumber,
                    ethnicity: '汉族',
                    education: '大学',
                    category: 'Employed',
                    monthlyIncome: 5000,
                    joinedOn: '2010-07-01',
                    fullMembershipOn: '2011-07-01',
                  },
                },
              )
            ).registerMember.id,
          60_000,
          300,
        );
        seeded[members[which]] = { organization: branch, district: branch === 'xh-branch' ? 'xuhui' : 'huangpu' };
        issued[which] = await startTransfer(members[which], branch, ISSUED_TO[which], 0);
        await ok('mutation($input: IssueDuesBillsInput!) { issueDuesBills(input: $input) { billed } }', {
          input: { organizationId: branch, month: '2026-10' },
        });
      },
    );
    // the organizations service learns the members from their events (a meeting's attendees are checked on them)
    await eventually(
      async () => {
        for (const branch of ['branch', 'hp-branch', 'xh-branch']) {
          const data = await ok<{ organization: { memberCounts: { members: number } } }>(
            'query($id: ID!) { organization(id: $id) { memberCounts { members } } }',
            { id: branch },
          );
          expect({ branch, members: data.organization.memberCounts.members }).toEqual({ branch, members: 1 });
        }
      },
      60_000,
      200,
    );
    // the tree as of today follows Kafka: wait until it holds every organization
    await eventually(
      async () => {
        const data = await ok<{ organizationTreeAsOf: unknown[] }>(`{ organizationTreeAsOf(date: "${TODAY}") { id } }`);
        expect(data.organizationTreeAsOf).toHaveLength(10);
      },
      60_000,
      200,
    );

    // the rest of the transfers of the header, each of a member of its own: the target's side sends (approve,
    // sendBack) or receives (reject, accept: letters issued)
    const registerIn = async (branch: string, name: string): Promise<string> => {
      const id = (
        await ok<{ registerMember: { id: string } }>(
          'mutation($input: RegisterMemberInput!) { registerMember(input: $input) { id } }',
          {
            input: {
              organizationId: branch,
              name,
              idNumber: citizenId(),
              ethnicity: '汉族',
              education: '大学',
              category: 'Retired',
              joinedOn: '2010-07-01',
              fullMembershipOn: '2011-07-01',
            },
          },
        )
      ).registerMember.id;
      seeded[id] = { organization: branch, district: seeded[branch]!.district };
      return id;
    };
    const SIDES = {
      own: { sends: ['branch', 'hp-branch'], receives: ['hp-branch', 'branch'] },
      district: { sends: ['hp-branch', 'xh-branch'], receives: ['xh-branch', 'hp-branch'] },
      foreign: { sends: ['xh-branch', null], receives: ['xh-branch', null] },
    } as const;
    await pMap(
      ['own', 'district', 'foreign'] as const,
      async (which) => {
        const { sends, receives } = SIDES[which];
        const of = async ([from, to]: readonly [string, string | null], label: string, approvals: boolean) =>
          startTransfer(
            await registerIn(from, `${which}${label}党员`),
            from,
            to,
            approvals ? PATHS[`${from}>${to ?? 'out'}`]!.length : 0,
          );
        await approve(issued[which], PATHS[`${sends[0]}>${ISSUED_TO[which] ?? 'out'}`]!.length);
        const printed = await ok<{ transferLetter: { code: string } }>(
          'query($transferId: ID!) { transferLetter(transferId: $transferId) { code } }',
          { transferId: issued[which] },
        );
        transfers[which] = {
          issued: issued[which],
          code: printed.transferLetter.code,
          approve: await of(sends, '待审批', false),
          sendBack: await of(sends, '退回', false),
          reject: await of(receives, '拒收', true),
          accept: await of(receives, '接收', true),
        };
      },
      { concurrency: 3 },
    );

    // mobility and community registration of the header: each target's member flowing out, flowing in at its side's
    // spare branch, registered with the community of its superior
    for (const which of ['own', 'district', 'foreign'] as const) {
      const t = TARGETS[which];
      await ok('mutation($input: RegisterFlowOutInput!) { registerFlowOut(input: $input) { memberId } }', {
        input: { memberId: t.member, destination: '江苏省苏州市', from: '2026-10-01' },
      });
      await ok('mutation($input: RegisterFlowInInput!) { registerFlowIn(input: $input) { memberId } }', {
        input: { memberId: t.member, hostOrganizationId: t.spare, from: '2026-10-02' },
      });
      await ok('mutation($input: RegisterWithCommunityInput!) { registerWithCommunity(input: $input) { id } }', {
        input: { memberId: t.member, communityId: t.superior, registeredOn: '2026-10-01' },
      });
    }

    // regional co-building (projects): st-unit, a Huangpu unit covered by `branch`; a council per target, convened
    // once the projects service has learnt the tree from the organizations' events, its unit joining (once it has
    // learnt the unit and its coverage) with the target's member as the representative
    seeded['st-unit'] = { district: 'huangpu' };
    await ok('mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }', {
      input: {
        unitId: 'st-unit',
        name: '南京东路公司',
        kind: 'Enterprise',
        industry: '零售',
        employees: 60,
        aboveScale: false,
        region: region('huangpu'),
      },
    });
    await ok('mutation($input: CoverUnitsInput!) { coverUnits(input: $input) { id } }', {
      input: { organizationId: 'branch', unitIds: ['st-unit'] },
    });
    await pMap(['own', 'district', 'foreign'] as const, async (which) => {
      const t = TARGETS[which];
      await eventually(
        () =>
          ok('mutation($input: ConveneCouncilInput!) { conveneCouncil(input: $input) { id } }', {
            input: {
              councilId: t.council,
              name: `${which}区域化党建联席会议`,
              kind: 'JointConference',
              convenerOrganizationId: t.convener,
              ...t.councilLevel,
              convenedOn: '2026-10-01',
            },
          }),
        120_000,
        300,
      );
      await eventually(
        () =>
          ok('mutation($input: JoinCouncilInput!) { joinCouncil(input: $input) { id } }', {
            input: {
              councilId: t.council,
              unitId: t.councilUnit,
              representativeMemberId: t.member,
              joinedOn: '2026-10-02',
            },
          }),
        120_000,
        300,
      );
      // a need of the council, a resource its unit offers, a pairing of the target's organization and its superior
      await ok('mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }', {
        input: {
          councilId: t.council,
          needId: t.need,
          kind: 'Need',
          category: 'PublicServices',
          title: '老旧小区加装电梯',
          description: '居民上下楼困难',
          submitterKind: 'Resident',
          submittedOn: '2026-10-03',
        },
      });
      await ok('mutation($input: OfferResourceInput!) { offerResource(input: $input) { id } }', {
        input: {
          councilId: t.council,
          resourceId: t.resource,
          unitId: t.councilUnit,
          kind: 'Funds',
          title: '共建资金',
          categories: ['PublicServices'],
          quantity: 10000,
          measure: '元',
          offeredOn: '2026-10-03',
          availableFrom: '2026-10-03',
        },
      });
      await ok('mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { id } }', {
        input: {
          councilId: t.council,
          needId: `${t.need}-p`,
          kind: 'Need',
          category: 'PublicServices',
          title: '社区食堂',
          description: '老人吃饭难',
          submitterKind: 'Resident',
          submittedOn: '2026-10-03',
        },
      });
      await ok('mutation($input: ProposeProjectInput!) { proposeProject(input: $input) { id } }', {
        input: {
          councilId: t.council,
          projectId: t.project,
          title: '社区长者食堂',
          needIds: [`${t.need}-p`],
          proposedOn: '2026-10-04',
        },
      });
      await ok('mutation($input: AgreePairingInput!) { agreePairing(input: $input) { id } }', {
        input: {
          pairingId: t.pairing,
          organizationIds: [t.organization, t.superior],
          commitments: [
            { organizationId: t.organization, commitment: '组织志愿服务' },
            { organizationId: t.superior, commitment: '提供场地' },
          ],
          from: '2026-10-01',
          until: '2027-09-30',
        },
      });
    });
  }, 420_000);

  afterAll(async () => {
    await gateway?.stop();
    await Promise.all([membersService?.stop(), organizationsService?.stop(), projectsService?.stop()]);
    await mongo?.close();
  });

  it('has an entry for every query and mutation of the supergraph, and none for operations it no longer has', () => {
    const composed = supergraphOperations();
    const missing = [
      ...composed.Query.filter((f) => !(f in QUERIES)).map((f) => `Query.${f}`),
      ...composed.Mutation.filter((f) => !(f in MUTATIONS)).map((f) => `Mutation.${f}`),
    ];
    const stale = [
      ...Object.keys(QUERIES)
        .filter((f) => !composed.Query.includes(f))
        .map((f) => `Query.${f}`),
      ...Object.keys(MUTATIONS)
        .filter((f) => !composed.Mutation.includes(f))
        .map((f) => `Mutation.${f}`),
    ];
    const message = (names: string[], what: string) =>
      names.length ? `${what} in apps/gateway/src/authorization.e2e-spec.ts: ${names.join(', ')}` : '';
    expect(message(missing, 'operations of the supergraph without an entry (who may call them?)')).toBe('');
    expect(message(stale, 'entries for operations the supergraph no longer has')).toBe('');
    // every entry gives every role an outcome on each target
    for (const [name, entry] of Object.entries({ ...QUERIES, ...MUTATIONS })) {
      for (const role of ROLES)
        expect({ name, role, targets: entry.access[role].length >= 3 }).toEqual({ name, role, targets: true });
    }
  });

  it('answers every query as the table says, and never with anything outside the caller’s scope', async () => {
    const failures: string[] = [];
    await pMap(
      casesOf(QUERIES),
      async ({ operation, role, target, expected, entry }) => {
        const t = TARGETS[target];
        const answer = await call(role, entry.document, entry.variables?.(t) ?? {});
        const ids = idsIn(answer.data);
        const leaked = [...ids].filter((id) => !visibleTo(role, id));
        const label = `${operation} as ${role} on ${target}`;
        if (leaked.length) failures.push(`${label}: answered with ${leaked.join(', ')}, outside the scope`);
        const code = codeOf(answer);
        if (expected === F) {
          if (code !== 'FORBIDDEN')
            failures.push(`${label}: expected FORBIDDEN, got ${code ?? JSON.stringify(answer.data)}`);
          return;
        }
        if (answer.errors?.length) {
          failures.push(`${label}: expected ${expected}, got ${code}: ${answer.errors[0]!.message}`);
          return;
        }
        const shown = entry.shows?.(t);
        if (shown && expected === A && !ids.has(shown))
          failures.push(`${label}: expected to show ${shown}, got ${JSON.stringify(answer.data)}`);
        if (shown && expected === H && ids.has(shown))
          failures.push(`${label}: expected ${shown} hidden, got ${JSON.stringify(answer.data)}`);
      },
      { concurrency: 8 },
    );
    expect(failures.sort()).toEqual([]);
  });

  it('refuses every mutation the table forbids, writing nothing, and lets the others through', async () => {
    const failures: string[] = [];
    const cases = casesOf(MUTATIONS);
    // first every refusal, in parallel, on the tree as seeded; nothing may have been written
    const before = await writes();
    await pMap(
      cases.filter((c) => c.expected === F),
      async ({ operation, role, target, entry }) => {
        const answer = await call(role, entry.document, entry.variables?.(TARGETS[target]) ?? {});
        const code = codeOf(answer);
        if (code !== 'FORBIDDEN')
          failures.push(
            `${operation} as ${role} on ${target}: expected FORBIDDEN, got ${code ?? 'data'}${answer.errors?.length ? `: ${answer.errors[0]!.message}` : ''}`,
          );
      },
      { concurrency: 8 },
    );
    const after = await writes();
    for (const [collection, count] of Object.entries(after))
      if (count !== (before[collection] ?? 0))
        failures.push(`refused mutations wrote ${count - (before[collection] ?? 0)} documents to ${collection}`);
    // then the allowed ones, one after another in the table's order, least privileged first (the city's moves last)
    const privilege: Role[] = ['ANALYTICS_READER', 'MEMBER', 'ORGANIZATION_ADMIN', 'DISTRICT_ADMIN', 'CITY_ADMIN'];
    const allowed = Object.keys(MUTATIONS).flatMap((operation) =>
      cases
        .filter((c) => c.operation === operation && c.expected !== F)
        .sort((a, b) => privilege.indexOf(a.role) - privilege.indexOf(b.role)),
    );
    for (const { operation, role, target, expected, entry } of allowed) {
      const answer = await call(role, entry.document, entry.variables?.(TARGETS[target]) ?? {});
      const label = `${operation} as ${role} on ${target}`;
      if (codeOf(answer) === 'FORBIDDEN') failures.push(`${label}: expected ${expected}, got FORBIDDEN`);
      else if (expected === H && !(answer.data && entry.refusedInData?.(answer.data)))
        failures.push(`${label}: expected the target refused in the answer, got ${JSON.stringify(answer)}`);
    }
    expect(failures.sort()).toEqual([]);
  });
});

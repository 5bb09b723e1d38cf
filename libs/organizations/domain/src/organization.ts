import { addYears } from '@lianjian/calendar';
import { violation } from './errors';
import {
  type IsoDate,
  type Leadership,
  type OrganizationStatus,
  type OrganizationType,
  type Person,
  type Region,
  allowedChildTypes,
  isBranchType,
} from './model';
import { type OrganizationRules, termYearsFor } from './rules';

// ---- events (the organization stream's published contract; see libs/organizations/contracts) ----------------

export type OrganizationEvent =
  | {
      type: 'OrganizationEstablished';
      data: {
        organizationId: string;
        name: string;
        organizationType: OrganizationType;
        parentId: string | null;
        region: Region;
        buildingId: string | null;
        establishedOn: IsoDate;
        documentNumber: string;
      };
    }
  | {
      type: 'OrganizationRenamed';
      data: { organizationId: string; name: string; previousName: string; effectiveOn: IsoDate };
    }
  | {
      type: 'OrganizationTypeChanged';
      data: {
        organizationId: string;
        organizationType: OrganizationType;
        previousType: OrganizationType;
        effectiveOn: IsoDate;
        documentNumber: string | null;
      };
    }
  | {
      type: 'OrganizationReparented';
      data: {
        organizationId: string;
        parentId: string;
        previousParentId: string | null;
        effectiveOn: IsoDate;
        documentNumber: string | null;
      };
    }
  | {
      type: 'OrganizationTransferredToDistrict';
      data: {
        organizationId: string;
        region: Region;
        previousRegion: Region;
        parentId: string;
        previousParentId: string | null;
        effectiveOn: IsoDate;
        documentNumber: string;
      };
    }
  | {
      type: 'OrganizationMerged';
      data: { organizationId: string; mergedIntoId: string; effectiveOn: IsoDate; documentNumber: string };
    }
  | {
      type: 'OrganizationDissolved';
      data: { organizationId: string; reason: string; effectiveOn: IsoDate; documentNumber: string };
    }
  | { type: 'OrganizationReinstated'; data: { organizationId: string; reason: string; effectiveOn: IsoDate } }
  | { type: 'LeadershipElected'; data: { organizationId: string } & Leadership }
  | { type: 'UnitsCovered'; data: { organizationId: string; unitIds: string[]; effectiveOn: IsoDate } }
  | { type: 'UnitsUncovered'; data: { organizationId: string; unitIds: string[]; effectiveOn: IsoDate } };

export type OrganizationEventType = OrganizationEvent['type'];

// ---- state ------------------------------------------------------------------------------------------------------

export interface Organization {
  readonly id: string;
  readonly name: string;
  readonly type: OrganizationType;
  readonly status: OrganizationStatus;
  readonly parentId: string | null;
  readonly region: Region;
  readonly buildingId: string | null;
  readonly establishedOn: IsoDate;
  readonly documentNumber: string;
  /** The effective date of the latest change: later changes can't be dated before it. */
  readonly lastEffectiveOn: IsoDate;
  readonly leadership: Leadership | null;
  readonly coveredUnitIds: readonly string[];
  readonly mergedIntoId: string | null;
}

export type OrganizationState = Organization | null;

export const initialOrganizationState = (): OrganizationState => null;

export function evolveOrganization(state: OrganizationState, event: OrganizationEvent): OrganizationState {
  if (event.type === 'OrganizationEstablished') {
    const d = event.data;
    return {
      id: d.organizationId,
      name: d.name,
      type: d.organizationType,
      status: 'active',
      parentId: d.parentId,
      region: d.region,
      buildingId: d.buildingId,
      establishedOn: d.establishedOn,
      documentNumber: d.documentNumber,
      lastEffectiveOn: d.establishedOn,
      leadership: null,
      coveredUnitIds: [],
      mergedIntoId: null,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'OrganizationRenamed':
      return { ...state, name: event.data.name, lastEffectiveOn: event.data.effectiveOn };
    case 'OrganizationTypeChanged':
      return { ...state, type: event.data.organizationType, lastEffectiveOn: event.data.effectiveOn };
    case 'OrganizationReparented':
      return { ...state, parentId: event.data.parentId, lastEffectiveOn: event.data.effectiveOn };
    case 'OrganizationTransferredToDistrict':
      return {
        ...state,
        parentId: event.data.parentId,
        region: event.data.region,
        lastEffectiveOn: event.data.effectiveOn,
      };
    case 'OrganizationMerged':
      return {
        ...state,
        status: 'merged',
        mergedIntoId: event.data.mergedIntoId,
        lastEffectiveOn: event.data.effectiveOn,
      };
    case 'OrganizationDissolved':
      return { ...state, status: 'dissolved', lastEffectiveOn: event.data.effectiveOn };
    case 'OrganizationReinstated':
      return { ...state, status: 'active' };
    case 'LeadershipElected': {
      const { organizationId: _id, ...leadership } = event.data;
      return { ...state, leadership, lastEffectiveOn: maxDate(state.lastEffectiveOn, leadership.electedOn) };
    }
    case 'UnitsCovered':
      return {
        ...state,
        lastEffectiveOn: maxDate(state.lastEffectiveOn, event.data.effectiveOn),
        coveredUnitIds: [
          ...state.coveredUnitIds,
          ...event.data.unitIds.filter((u) => !state.coveredUnitIds.includes(u)),
        ],
      };
    case 'UnitsUncovered':
      return {
        ...state,
        lastEffectiveOn: maxDate(state.lastEffectiveOn, event.data.effectiveOn),
        coveredUnitIds: state.coveredUnitIds.filter((u) => !event.data.unitIds.includes(u)),
      };
  }
}

// ---- commands ---------------------------------------------------------------------------------------------------

/**
 * What the application layer knows about another organization of the tree when it issues a command.
 * `currentRegion` in commands likewise comes from the tree: an ancestor's whole-organization transfer moves
 * its descendants to the new district without an event on their own streams.
 */
export interface RelatedOrganization {
  readonly id: string;
  readonly type: OrganizationType;
  readonly status: OrganizationStatus;
  readonly region: Region;
  /** Ids from the root down to this organization's parent. */
  readonly ancestorIds: readonly string[];
  /** Nothing can be placed below it or merged into it before it existed. */
  readonly establishedOn: IsoDate;
}

/**
 * Facts about members, from the members service's events. `null` while no member data has reached the
 * organizations service: the rules that need them are then not applied (they apply once members exist).
 */
export interface MemberFacts {
  readonly members: number;
  readonly fullMembers: number;
}

interface Dated {
  /** Today, in the deployment's time zone: changes can't be dated after it. */
  readonly today: IsoDate;
  readonly rules: OrganizationRules;
}

export type OrganizationCommand =
  | ({
      kind: 'EstablishOrganization';
      organizationId: string;
      name: string;
      organizationType: OrganizationType;
      parent: RelatedOrganization | null;
      region: Region;
      buildingId: string | null;
      establishedOn: IsoDate;
      documentNumber: string;
      unitIds: readonly string[];
      fullMembersInUnits: number | null;
    } & Dated)
  | ({ kind: 'RenameOrganization'; name: string; effectiveOn: IsoDate } & Dated)
  | ({
      kind: 'ChangeOrganizationType';
      organizationType: OrganizationType;
      parent: RelatedOrganization | null;
      activeChildCount: number;
      /** The organization's own members (an independent branch needs enough full members), null before any member data. */
      memberFacts: MemberFacts | null;
      effectiveOn: IsoDate;
      documentNumber: string | null;
    } & Dated)
  | ({
      kind: 'ReparentOrganization';
      newParent: RelatedOrganization;
      currentRegion: Region;
      effectiveOn: IsoDate;
      documentNumber: string | null;
    } & Dated)
  | ({
      kind: 'TransferOrganizationToDistrict';
      newParent: RelatedOrganization;
      currentRegion: Region;
      region: Region;
      effectiveOn: IsoDate;
      documentNumber: string;
    } & Dated)
  | ({
      kind: 'MergeOrganization';
      target: RelatedOrganization;
      activeChildCount: number;
      /** Members on the organization's roster: they move to the target, which must then be a branch (ADR 0024). */
      memberFacts: MemberFacts | null;
      effectiveOn: IsoDate;
      documentNumber: string;
    } & Dated)
  | ({
      kind: 'DissolveOrganization';
      reason: string;
      activeChildCount: number;
      memberFacts: MemberFacts | null;
      effectiveOn: IsoDate;
      documentNumber: string;
    } & Dated)
  | ({
      /** Voids a dissolution that a member's registration crossed (ADR 0011): only the service itself issues it. */
      kind: 'ReinstateOrganization';
      reason: string;
    } & Dated)
  | ({
      kind: 'ElectLeadership';
      electedOn: IsoDate;
      secretary: Person;
      deputySecretaries: readonly Person[];
      committeeMembers: readonly Person[];
    } & Dated)
  | ({ kind: 'CoverUnits'; unitIds: readonly string[]; effectiveOn: IsoDate } & Dated)
  | ({ kind: 'UncoverUnits'; unitIds: readonly string[]; effectiveOn: IsoDate } & Dated);

// ---- decisions --------------------------------------------------------------------------------------------------

export function decideOrganization(command: OrganizationCommand, state: OrganizationState): OrganizationEvent[] {
  if (command.kind === 'EstablishOrganization') return establish(command, state);
  if (command.kind === 'ReinstateOrganization') return reinstate(command.reason, state);
  const org = requireActive(state);
  switch (command.kind) {
    case 'RenameOrganization': {
      checkEffective(org, command.effectiveOn, command.today);
      if (command.name === org.name)
        violation('NOTHING_CHANGES', `the organization is already called ${org.name}`, 'name');
      return [
        {
          type: 'OrganizationRenamed',
          data: {
            organizationId: org.id,
            name: command.name,
            previousName: org.name,
            effectiveOn: command.effectiveOn,
          },
        },
      ];
    }
    case 'ChangeOrganizationType': {
      checkEffective(org, command.effectiveOn, command.today);
      const type = command.organizationType;
      if (type === org.type) violation('NOTHING_CHANGES', `the organization is already a ${type}`, 'organizationType');
      if (command.activeChildCount > 0 && (isBranchType(type) || type === 'PartyGroup')) {
        violation(
          'ORGANIZATION_HAS_CHILDREN',
          `an organization with ${command.activeChildCount} subordinate organizations can't become a ${type}`,
          'organizationType',
        );
      }
      if (command.parent && !allowedChildTypes(command.parent.type).includes(type)) {
        violation(
          'CHILD_TYPE_NOT_ALLOWED',
          `a ${command.parent.type} can't have a ${type} below it`,
          'organizationType',
        );
      }
      // 单独建立党支部 by a change of type: the organization's own full members must reach the minimum too
      const fullMembers = command.memberFacts?.fullMembers ?? 0;
      if (type === 'Branch' && fullMembers < command.rules.minFullMembersForBranch) {
        violation(
          'INSUFFICIENT_FULL_MEMBERS',
          `an independent branch needs at least ${command.rules.minFullMembersForBranch} full members; the organization has ${fullMembers}`,
          'organizationType',
        );
      }
      return [
        {
          type: 'OrganizationTypeChanged',
          data: {
            organizationId: org.id,
            organizationType: type,
            previousType: org.type,
            effectiveOn: command.effectiveOn,
            documentNumber: command.documentNumber,
          },
        },
      ];
    }
    case 'ReparentOrganization': {
      checkEffective(org, command.effectiveOn, command.today);
      const parent = command.newParent;
      checkNewParent(org, parent);
      checkAfterEstablished(parent, command.effectiveOn, 'DATE_BEFORE_PARENT_ESTABLISHED', 'effectiveOn');
      if (parent.id === org.parentId)
        violation('NOTHING_CHANGES', 'the organization is already under this parent', 'parentId');
      if (parent.region.district !== null && parent.region.district !== command.currentRegion.district) {
        violation(
          'CROSS_DISTRICT_REPARENT',
          'moving to another district is a whole-organization transfer, not a reparent',
          'parentId',
        );
      }
      return [
        {
          type: 'OrganizationReparented',
          data: {
            organizationId: org.id,
            parentId: parent.id,
            previousParentId: org.parentId,
            effectiveOn: command.effectiveOn,
            documentNumber: command.documentNumber,
          },
        },
      ];
    }
    case 'TransferOrganizationToDistrict': {
      checkEffective(org, command.effectiveOn, command.today);
      const parent = command.newParent;
      if (command.region.district === command.currentRegion.district) {
        violation(
          'SAME_DISTRICT_TRANSFER',
          'the organization is already in this district: reparent it instead',
          'region.district',
        );
      }
      checkNewParent(org, parent);
      checkAfterEstablished(parent, command.effectiveOn, 'DATE_BEFORE_PARENT_ESTABLISHED', 'effectiveOn');
      if (parent.region.district !== null && parent.region.district !== command.region.district) {
        violation(
          'REGION_OUTSIDE_PARENT',
          `the new parent is in district ${parent.region.district}`,
          'region.district',
        );
      }
      return [
        {
          type: 'OrganizationTransferredToDistrict',
          data: {
            organizationId: org.id,
            region: command.region,
            previousRegion: command.currentRegion,
            parentId: parent.id,
            previousParentId: org.parentId,
            effectiveOn: command.effectiveOn,
            documentNumber: command.documentNumber,
          },
        },
      ];
    }
    case 'MergeOrganization': {
      checkEffective(org, command.effectiveOn, command.today);
      if (command.target.id === org.id)
        violation('MERGE_INTO_SELF', "an organization can't merge into itself", 'targetId');
      if (command.target.status !== 'active')
        violation('ORGANIZATION_NOT_ACTIVE', 'the target organization is not active', 'targetId');
      if (command.target.ancestorIds.includes(org.id))
        violation('CYCLE_IN_TREE', "an organization can't merge into its own subordinate", 'targetId');
      checkAfterEstablished(command.target, command.effectiveOn, 'DATE_BEFORE_TARGET_ESTABLISHED', 'effectiveOn');
      if (command.activeChildCount > 0) {
        violation(
          'ORGANIZATION_HAS_CHILDREN',
          `move its ${command.activeChildCount} subordinate organizations first`,
          'organizationId',
        );
      }
      // its members move with it to the target (the members service follows OrganizationMerged with MemberTransferred,
      // ADR 0024): the target must be able to hold them
      if (command.memberFacts && command.memberFacts.members > 0 && !isBranchType(command.target.type)) {
        violation(
          'ORGANIZATION_HAS_MEMBERS',
          `its ${command.memberFacts.members} members would move to ${command.target.id}, a ${command.target.type}: members belong to a branch`,
          'targetId',
        );
      }
      return [
        {
          type: 'OrganizationMerged',
          data: {
            organizationId: org.id,
            mergedIntoId: command.target.id,
            effectiveOn: command.effectiveOn,
            documentNumber: command.documentNumber,
          },
        },
      ];
    }
    case 'DissolveOrganization': {
      checkEffective(org, command.effectiveOn, command.today);
      if (command.activeChildCount > 0) {
        violation(
          'ORGANIZATION_HAS_CHILDREN',
          `an organization with ${command.activeChildCount} subordinate organizations can't be dissolved`,
          'organizationId',
        );
      }
      if (command.memberFacts && command.memberFacts.members > 0) {
        violation(
          'ORGANIZATION_HAS_MEMBERS',
          `an organization with ${command.memberFacts.members} members can't be dissolved`,
          'organizationId',
        );
      }
      return [
        {
          type: 'OrganizationDissolved',
          data: {
            organizationId: org.id,
            reason: command.reason,
            effectiveOn: command.effectiveOn,
            documentNumber: command.documentNumber,
          },
        },
      ];
    }
    case 'ElectLeadership': {
      if (command.electedOn > command.today)
        violation('DATE_IN_FUTURE', "an election can't be recorded before it happens", 'electedOn');
      if (command.electedOn < org.establishedOn)
        violation(
          'DATE_BEFORE_LAST_CHANGE',
          'the election is dated before the organization was established',
          'electedOn',
        );
      if (org.leadership && command.electedOn <= org.leadership.electedOn) {
        violation(
          'LEADERSHIP_OUT_OF_ORDER',
          `the current leadership was elected on ${org.leadership.electedOn}; a new one must be elected later`,
          'electedOn',
        );
      }
      // the timeline's versions follow each other in time: an election can't be slipped in before the last change
      if (command.electedOn < org.lastEffectiveOn)
        violation(
          'DATE_BEFORE_LAST_CHANGE',
          `the organization's last change took effect on ${org.lastEffectiveOn}; an election can't be dated before it`,
          'electedOn',
        );
      const termYears = termYearsFor(command.rules, org.type, org.region);
      return [
        {
          type: 'LeadershipElected',
          data: {
            organizationId: org.id,
            electedOn: command.electedOn,
            termYears,
            termEndsOn: addYears(command.electedOn, termYears),
            secretary: command.secretary,
            deputySecretaries: [...command.deputySecretaries],
            committeeMembers: [...command.committeeMembers],
          },
        },
      ];
    }
    case 'CoverUnits': {
      checkEffective(org, command.effectiveOn, command.today);
      const added = unique(command.unitIds).filter((u) => !org.coveredUnitIds.includes(u));
      if (added.length === 0)
        violation('NOTHING_CHANGES', 'these units are already covered by the organization', 'unitIds');
      return [
        { type: 'UnitsCovered', data: { organizationId: org.id, unitIds: added, effectiveOn: command.effectiveOn } },
      ];
    }
    case 'UncoverUnits': {
      checkEffective(org, command.effectiveOn, command.today);
      const removed = unique(command.unitIds).filter((u) => org.coveredUnitIds.includes(u));
      if (removed.length === 0)
        violation('NOTHING_CHANGES', 'none of these units is covered by the organization', 'unitIds');
      return [
        {
          type: 'UnitsUncovered',
          data: { organizationId: org.id, unitIds: removed, effectiveOn: command.effectiveOn },
        },
      ];
    }
  }
}

function establish(
  command: Extract<OrganizationCommand, { kind: 'EstablishOrganization' }>,
  state: OrganizationState,
): OrganizationEvent[] {
  if (state)
    violation('ORGANIZATION_ALREADY_EXISTS', `organization ${command.organizationId} already exists`, 'organizationId');
  if (command.establishedOn > command.today)
    violation('DATE_IN_FUTURE', "an organization can't be established in the future", 'establishedOn');
  const { parent, organizationType: type } = command;
  if (!parent) {
    if (type !== 'Committee')
      violation('ROOT_MUST_BE_COMMITTEE', 'an organization without a parent must be a committee', 'parentId');
  } else {
    if (parent.status !== 'active')
      violation('PARENT_NOT_ACTIVE', `the parent organization is ${parent.status}`, 'parentId');
    if (!allowedChildTypes(parent.type).includes(type)) {
      violation('CHILD_TYPE_NOT_ALLOWED', `a ${parent.type} can't have a ${type} below it`, 'organizationType');
    }
    if (parent.region.district !== null && parent.region.district !== command.region.district) {
      violation(
        'REGION_OUTSIDE_PARENT',
        `the parent organization is in district ${parent.region.district}`,
        'region.district',
      );
    }
    checkAfterEstablished(parent, command.establishedOn, 'DATE_BEFORE_PARENT_ESTABLISHED', 'establishedOn');
  }
  // 单独建立党支部: at least three full members (hard rule), from the units it is built in; without units it has
  // none yet. Fewer go to a joint branch.
  const fullMembers = command.unitIds.length === 0 ? 0 : (command.fullMembersInUnits ?? 0);
  if (type === 'Branch' && fullMembers < command.rules.minFullMembersForBranch) {
    violation(
      'INSUFFICIENT_FULL_MEMBERS',
      `an independent branch needs at least ${command.rules.minFullMembersForBranch} full members; the units have ${fullMembers} (establish a joint branch instead)`,
      command.unitIds.length === 0 ? 'unitIds' : 'organizationType',
    );
  }
  const events: OrganizationEvent[] = [
    {
      type: 'OrganizationEstablished',
      data: {
        organizationId: command.organizationId,
        name: command.name,
        organizationType: type,
        parentId: parent?.id ?? null,
        region: command.region,
        buildingId: command.buildingId,
        establishedOn: command.establishedOn,
        documentNumber: command.documentNumber,
      },
    },
  ];
  const unitIds = unique(command.unitIds);
  if (unitIds.length > 0) {
    events.push({
      type: 'UnitsCovered',
      data: { organizationId: command.organizationId, unitIds, effectiveOn: command.establishedOn },
    });
  }
  return events;
}

/**
 * A dissolution voided: the organization is active again from the dissolution's own date (so the tree as of any
 * date shows it), because a member was registered to it while it was being dissolved. Only a dissolved one.
 */
function reinstate(reason: string, state: OrganizationState): OrganizationEvent[] {
  if (!state) return violation('ORGANIZATION_NOT_FOUND', 'no such organization', 'organizationId');
  if (state.status !== 'dissolved')
    violation('NOTHING_CHANGES', `the organization is ${state.status}, not dissolved`, 'organizationId');
  return [
    {
      type: 'OrganizationReinstated',
      data: { organizationId: state.id, reason, effectiveOn: state.lastEffectiveOn },
    },
  ];
}

function requireActive(state: OrganizationState): Organization {
  if (!state) return violation('ORGANIZATION_NOT_FOUND', 'no such organization', 'organizationId');
  if (state.status !== 'active')
    violation('ORGANIZATION_NOT_ACTIVE', `the organization is ${state.status}`, 'organizationId');
  return state;
}

function checkEffective(org: Organization, effectiveOn: IsoDate, today: IsoDate): void {
  if (effectiveOn > today) violation('DATE_IN_FUTURE', "a change can't take effect in the future", 'effectiveOn');
  if (effectiveOn < org.lastEffectiveOn) {
    violation(
      'DATE_BEFORE_LAST_CHANGE',
      `the organization's last change took effect on ${org.lastEffectiveOn}`,
      'effectiveOn',
    );
  }
}

/** An event that depends on another organization can't be dated before that organization was established. */
function checkAfterEstablished(
  other: RelatedOrganization,
  on: IsoDate,
  code: 'DATE_BEFORE_PARENT_ESTABLISHED' | 'DATE_BEFORE_TARGET_ESTABLISHED',
  field: string,
): void {
  if (on < other.establishedOn)
    violation(code, `organization ${other.id} was established on ${other.establishedOn}`, field);
}

function checkNewParent(org: Organization, parent: RelatedOrganization): void {
  if (parent.id === org.id || parent.ancestorIds.includes(org.id)) {
    violation('CYCLE_IN_TREE', "an organization can't move under itself or its own subordinate", 'parentId');
  }
  if (parent.status !== 'active') violation('PARENT_NOT_ACTIVE', `the new parent is ${parent.status}`, 'parentId');
  if (!allowedChildTypes(parent.type).includes(org.type)) {
    violation('CHILD_TYPE_NOT_ALLOWED', `a ${parent.type} can't have a ${org.type} below it`, 'parentId');
  }
}

const unique = (ids: readonly string[]): string[] => [...new Set(ids)];
const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a > b ? a : b);

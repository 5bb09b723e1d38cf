import {
  type Council,
  type CouncilEvent,
  type Need,
  type NeedEvent,
  type Pairing,
  type PairingEvent,
  type Project,
  type ProjectEvent,
  type Resource,
  type ResourceEvent,
  type Selection,
  type SelectionEvent,
  evolveCouncil,
  evolveNeed,
  evolvePairing,
  evolveProject,
  evolveResource,
  evolveSelection,
} from '@lianjian/projects-domain';
import { needListValue, resourceListValue } from '../lists/list-values';
import { type ListKind } from '../read-models';

/** A list entry a state puts its aggregate in. */
export interface Listed {
  readonly kind: ListKind;
  readonly key: string;
  readonly id: string;
  readonly value: string;
}

/**
 * How the projection folds one category of streams into views: the domain's own evolve, and the list entries a
 * state puts its aggregate in (the fold sets the new ones and removes those a state no longer has).
 */
interface Folded<State, Event> {
  readonly evolve: (state: State | null, event: Event) => State | null;
  readonly listed: (id: string, state: State) => readonly Listed[];
}

const fold = <State, Event>(f: Folded<State, Event>): Folded<unknown, unknown> => f as Folded<unknown, unknown>;

const current = (m: { leftOn: string | null }): boolean => m.leftOn === null;

export const FOLDED_STREAMS = {
  council: fold<Council, CouncilEvent>({
    evolve: evolveCouncil,
    listed: (id, c) => [
      { kind: 'councils-of-organization', key: c.convenerOrganizationId, id, value: c.name },
      { kind: 'councils-in-district', key: c.region.district, id, value: c.name },
      { kind: 'districts-with-councils', key: 'all', id: c.region.district, value: c.region.district },
      ...c.memberships
        .filter(current)
        .flatMap((m) => [
          ...(m.representativeMemberId
            ? [{ kind: 'councils-of-representative' as const, key: m.representativeMemberId, id, value: c.name }]
            : []),
          ...(m.organizationId
            ? [{ kind: 'councils-of-unit-organization' as const, key: m.organizationId, id, value: c.name }]
            : []),
        ]),
    ],
  }),
  project: fold<Project, ProjectEvent>({
    evolve: evolveProject,
    listed: (id, p) => [
      { kind: 'projects-of-council', key: p.councilId, id, value: p.status },
      { kind: 'projects-in-district', key: p.region.district, id, value: p.status },
      ...p.claims.map((c) => ({ kind: 'claims-of-unit' as const, key: c.unitId, id, value: p.status })),
      ...(p.memberSignIns ?? []).map((s) => ({
        kind: 'sign-ins-of-member' as const,
        key: s.memberId,
        id: `${id}/${s.signInId}`,
        value: s.on,
      })),
    ],
  }),
  need: fold<Need, NeedEvent>({
    evolve: evolveNeed,
    listed: (id, n) => [{ kind: 'needs-of-council', key: n.councilId, id, value: needListValue(n) }],
  }),
  resource: fold<Resource, ResourceEvent>({
    evolve: evolveResource,
    listed: (id, r) => [{ kind: 'resources-of-council', key: r.councilId, id, value: resourceListValue(r) }],
  }),
  pairing: fold<Pairing, PairingEvent>({
    evolve: evolvePairing,
    listed: (id, p) =>
      p.organizationIds.map((organizationId) => ({
        kind: 'pairings-of-organization' as const,
        key: organizationId,
        id,
        value: p.from,
      })),
  }),
  selection: fold<Selection, SelectionEvent>({
    evolve: evolveSelection,
    listed: (_id, s) => [
      { kind: 'selections-of-council', key: s.councilId, id: s.period, value: s.selected ? 'Selected' : 'Open' },
    ],
  }),
} as const;

export type FoldedCategory = keyof typeof FOLDED_STREAMS;

export const isFolded = (category: string | null): category is FoldedCategory =>
  category !== null && category in FOLDED_STREAMS;

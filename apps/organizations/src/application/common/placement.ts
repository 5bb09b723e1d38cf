import { type Organization } from '@lianjian/organizations-domain';
import { type OrganizationView } from '../read-models';

/*
 * Where an organization stands in the tree, as commands answer it and the organization-state projection writes it:
 * one rule for both (pure).
 */

/** The organization's own events that place it in the tree: its ancestors follow from its (new) parent. */
export const MOVES: ReadonlySet<string> = new Set([
  'OrganizationEstablished',
  'OrganizationReparented',
  'OrganizationTransferredToDistrict',
]);

/** An organization's place in the tree: facts that other organizations' events change too (an ancestor's move). */
export interface Place {
  readonly region: OrganizationView['region'];
  /** From the root down to the parent. */
  readonly ancestorIds: readonly string[];
}

/**
 * Where an organization stands after one of its own events (`next` is its state after it; `current` where it
 * stood before, null before its establishment; `parent` its parent's view, needed only for a move). A reparent
 * keeps the region the organization has in the tree (which an ancestor's district transfer may have changed
 * without an event on this stream); an establishment or a district transfer sets the stream's own.
 */
export function placeAfter(
  type: string,
  next: Organization,
  current: Place | null,
  parent: Pick<OrganizationView, '_id' | 'ancestorIds'> | null,
): Place {
  if (!MOVES.has(type)) return current ?? { region: next.region, ancestorIds: [] };
  const ancestorIds = parent ? [...parent.ancestorIds, parent._id] : [];
  return { region: type === 'OrganizationReparented' && current ? current.region : next.region, ancestorIds };
}

/** The view of an organization: its own state and version, and its place in the tree. */
export const organizationView = (id: string, state: Organization, version: number, place: Place): OrganizationView => ({
  ...state,
  _id: id,
  version,
  region: place.region,
  ancestorIds: place.ancestorIds,
  depth: place.ancestorIds.length,
});

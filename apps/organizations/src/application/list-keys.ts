import { type OrganizationStatus, type OrganizationType } from '@lianjian/organizations-domain';

/*
 * The keys the read models are read by (ADR 0015), as the application asks for them: the lists of
 * `organization_lists` (infrastructure/list-index.ts keeps them), their entries, and the timeline's entry ids.
 */

export type RegionKind = 'organization' | 'unit' | 'building' | 'servicePoint';

export interface RegionFilter {
  readonly district?: string | null;
  readonly street?: string | null;
  readonly community?: string | null;
}

/** The key of a region list: the kind and the region's levels, null (or empty) for any. */
export const regionKey = (kind: RegionKind, region: RegionFilter): string =>
  `${kind}:${JSON.stringify([region.district || null, region.street || null, region.community || null])}`;

/** An organization's entry: its id, type and status (ids match `[A-Za-z0-9_-]`, so `|` separates). */
export const organizationEntry = (o: { _id: string; type: OrganizationType; status: OrganizationStatus }): string =>
  `${o._id}|${o.type}|${o.status}`;

export function parseOrganizationEntry(entry: string): {
  id: string;
  type: OrganizationType;
  status: OrganizationStatus;
} {
  const [id = '', type = '', status = ''] = entry.split('|');
  return { id, type: type as OrganizationType, status: status as OrganizationStatus };
}

export const meetingsKey = (organizationId: string): string => `meetings:${organizationId}`;
export const meetingEntry = (m: { id: string; heldOn: string }): string => `${m.heldOn}|${m.id}`;

/** The meetings of a list, in date then id order, held within [from, to] (either may be null). */
export function meetingsIn(
  entries: readonly string[],
  from: string | null,
  to: string | null,
): Array<{ id: string; heldOn: string }> {
  return [...entries]
    .sort(compareIds)
    .map((entry) => {
      const [heldOn = '', id = ''] = entry.split('|');
      return { id, heldOn };
    })
    .filter((m) => (!from || m.heldOn >= from) && (!to || m.heldOn <= to));
}

/** Ids in the order MongoDB sorts them (binary; the ids are ASCII). */
export const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The id of an organization's timeline entry for a version of its stream. */
export const timelineEntryId = (organizationId: string, version: number): string => `${organizationId}:${version}`;

import { refuse } from '../errors';

/**
 * Where an organization stands, as the transfer needs it: the ids from the root down to the organization (itself
 * last) and its district (null for the city level). Outside the city: null.
 */
export interface TreePlace {
  readonly path: readonly string[];
  readonly district: string | null;
}

/** How far a transfer goes (组织关系转接的范围). */
export const TRANSFER_SCOPES = [
  'WithinCommittee',
  'WithinDistrict',
  'AcrossDistricts',
  'OutOfCity',
  'IntoCity',
] as const;
export type TransferScope = (typeof TRANSFER_SCOPES)[number];

/** The scope of a transfer between two places (null: outside the city). */
export function transferScopeOf(from: TreePlace | null, to: TreePlace | null): TransferScope {
  if (!from && !to)
    return refuse('TRANSFER_TARGET_INVALID', 'a transfer starts or ends in the city', 'toOrganizationId');
  if (!to) return 'OutOfCity';
  if (!from) return 'IntoCity';
  if (from.district !== to.district) return 'AcrossDistricts';
  return from.path.at(-2) === to.path.at(-2) ? 'WithinCommittee' : 'WithinDistrict';
}

/**
 * The organizations that approve a transfer, in order, from the tree as it stands when the transfer starts: on the
 * sender's side its superiors from the parent up to the common ancestor of sender and receiver, then on the
 * receiver's side the organizations below that ancestor down to the receiver's parent. Across districts the common
 * ancestor is the city level, so the path goes through it; out of the city the sender's superiors up to the city
 * approve, into the city the receiver's superiors from the city down.
 */
export function approvalPath(from: TreePlace | null, to: TreePlace | null): string[] {
  const sender = from?.path ?? [];
  const receiver = to?.path ?? [];
  if (from && to && sender.at(-1) === receiver.at(-1))
    refuse('TRANSFER_TARGET_INVALID', 'the member is already in that organization', 'toOrganizationId');
  let common = 0;
  while (from && to && common < sender.length && common < receiver.length && sender[common] === receiver[common])
    common += 1;
  if (from && to && common === 0)
    refuse('TRANSFER_TARGET_INVALID', 'the two organizations share no root', 'toOrganizationId');
  const top = from && to ? common - 1 : 0; // the common ancestor's index; the city's (the root) when one side is outside
  const up = from ? sender.slice(top, -1).reverse() : [];
  const down = to ? receiver.slice(from ? top + 1 : 0, -1) : [];
  return [...up, ...down];
}

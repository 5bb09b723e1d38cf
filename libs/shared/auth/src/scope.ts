import { AuthError, type Caller } from './caller';

/** Where a thing sits: its district, and the organizations from the root down to it (itself last, if one). */
export interface ScopedTarget {
  readonly district: string | null;
  readonly organizationPath: readonly string[];
}

/**
 * Reading: the city admin sees everything; an analytics reader everything (or one district); a district
 * admin their district; an organization admin their subtree; a member their own organization.
 */
export function canRead(caller: Caller, target: ScopedTarget): boolean {
  switch (caller.role) {
    case 'CITY_ADMIN':
      return true;
    case 'ANALYTICS_READER':
      return caller.district === null || target.district === caller.district;
    case 'DISTRICT_ADMIN':
      return target.district !== null && target.district === caller.district;
    case 'ORGANIZATION_ADMIN':
      return caller.organizationId !== null && target.organizationPath.includes(caller.organizationId);
    case 'MEMBER':
      return caller.organizationId !== null && target.organizationPath.at(-1) === caller.organizationId;
  }
}

/** Changing: admins within their scope; members and analytics readers change nothing here. */
export function canWrite(caller: Caller, target: ScopedTarget): boolean {
  switch (caller.role) {
    case 'CITY_ADMIN':
      return true;
    case 'DISTRICT_ADMIN':
      return target.district !== null && target.district === caller.district;
    case 'ORGANIZATION_ADMIN':
      return caller.organizationId !== null && target.organizationPath.includes(caller.organizationId);
    case 'MEMBER':
    case 'ANALYTICS_READER':
      return false;
  }
}

export function assertCanRead(caller: Caller, target: ScopedTarget): void {
  if (!canRead(caller, target)) throw new AuthError('FORBIDDEN', 'outside your scope');
}

export function assertCanWrite(caller: Caller, target: ScopedTarget): void {
  if (!canWrite(caller, target))
    throw new AuthError('FORBIDDEN', 'outside your scope, or your role changes nothing here');
}

/** The district a query may list, or null for every district; throws when the caller may list none. */
export function listableDistrict(caller: Caller, requested: string | null): string | null {
  switch (caller.role) {
    case 'CITY_ADMIN':
      return requested;
    case 'ANALYTICS_READER':
      if (caller.district && requested && requested !== caller.district)
        throw new AuthError('FORBIDDEN', 'outside your district');
      return caller.district ?? requested;
    case 'DISTRICT_ADMIN':
      if (requested && requested !== caller.district) throw new AuthError('FORBIDDEN', 'outside your district');
      return caller.district;
    case 'ORGANIZATION_ADMIN':
    case 'MEMBER':
      return requested;
  }
}

import { type Caller, type ScopedTarget } from '@lianjian/auth';
import { type RelatedOrganization } from '@lianjian/organizations-domain';
import { type OrganizationView } from './read-models';

export const scopeOf = (view: OrganizationView): ScopedTarget => ({
  district: view.region.district,
  organizationPath: [...view.ancestorIds, view._id],
});

export const relatedOf = (view: OrganizationView): RelatedOrganization => ({
  id: view._id,
  type: view.type,
  status: view.status,
  region: view.region,
  ancestorIds: view.ancestorIds,
  establishedOn: view.establishedOn,
});

/** Whether a caller may list an organization (the same rules as `canRead`), on its view. */
export function readableBy(caller: Caller): (o: Pick<OrganizationView, '_id' | 'ancestorIds' | 'region'>) => boolean {
  switch (caller.role) {
    case 'CITY_ADMIN':
      return () => true;
    case 'ANALYTICS_READER':
      return (o) => !caller.district || o.region.district === caller.district;
    case 'DISTRICT_ADMIN':
      return (o) => o.region.district === caller.district;
    case 'ORGANIZATION_ADMIN':
      return (o) => o._id === (caller.organizationId ?? '') || o.ancestorIds.includes(caller.organizationId ?? '');
    case 'MEMBER':
      return (o) => o._id === (caller.organizationId ?? '');
  }
}

import { type Caller, type ScopedTarget } from '@lianjian/auth';
import { type Filter } from 'mongodb';
import { type RelatedOrganization } from '@lianjian/organizations-domain';
import { type OrganizationView } from '../infrastructure/views';

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
});

/** The organizations a caller may list, as a query filter (the same rules as `canRead`). */
export function readableOrganizations(caller: Caller): Filter<OrganizationView> {
  switch (caller.role) {
    case 'CITY_ADMIN':
      return {};
    case 'ANALYTICS_READER':
      return caller.district ? { 'region.district': caller.district } : {};
    case 'DISTRICT_ADMIN':
      return { 'region.district': caller.district };
    case 'ORGANIZATION_ADMIN':
      return { $or: [{ _id: caller.organizationId ?? '' }, { ancestorIds: caller.organizationId ?? '' }] };
    case 'MEMBER':
      return { _id: caller.organizationId ?? '' };
  }
}

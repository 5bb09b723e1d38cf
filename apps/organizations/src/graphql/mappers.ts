import { type Page } from '../application/organization-queries';
import {
  type BuildingView,
  type OrganizationView,
  type ServicePointView,
  type UnitView,
} from '../infrastructure/views';
import { type BuildingModel, type OrganizationModel, type ServicePointModel, type UnitModel } from './types';

export const toOrganization = (v: OrganizationView): OrganizationModel & OrganizationView =>
  ({ ...v, id: v._id, ancestorIds: [...v.ancestorIds] }) as OrganizationModel & OrganizationView;
export const toUnit = (v: UnitView): UnitModel & UnitView => ({ ...v, id: v._id });
export const toBuilding = (v: BuildingView): BuildingModel & BuildingView => ({ ...v, id: v._id });
export const toServicePoint = (v: ServicePointView): ServicePointModel & ServicePointView => ({ ...v, id: v._id });

export function connection<V extends { _id: string }, M>(page: Page<V>, map: (v: V) => M) {
  return {
    edges: page.items.map((item) => ({ cursor: Buffer.from(item._id, 'utf8').toString('base64url'), node: map(item) })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    totalCount: page.totalCount,
  };
}

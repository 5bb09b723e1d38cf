import DataLoader from 'dataloader';
import { type Caller } from '@lianjian/auth';
import { type OrganizationQueries } from '../application/organization-queries';
import { type BuildingView, type OrganizationView, type UnitView } from '../infrastructure/views';

/** Per-request batching: one database round trip per kind of lookup and tick, however many fields ask. */
export class Loaders {
  readonly organization: DataLoader<string, OrganizationView | null>;
  readonly unit: DataLoader<string, UnitView | null>;
  readonly building: DataLoader<string, BuildingView | null>;
  readonly coveringOrganizations: DataLoader<string, OrganizationView[]>;

  constructor(queries: OrganizationQueries, caller: Caller) {
    this.organization = new DataLoader((ids) => queries.organizationsByIds(caller, ids));
    this.unit = new DataLoader((ids) => queries.unitsByIds(ids));
    this.building = new DataLoader((ids) => queries.buildingsByIds(ids));
    this.coveringOrganizations = new DataLoader((ids) => queries.coveringOrganizations(ids));
  }
}

export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: Loaders;
}

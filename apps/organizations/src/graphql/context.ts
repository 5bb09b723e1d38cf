import DataLoader from 'dataloader';
import { type Caller } from '@lianjian/auth';
import { type CoverageQueries } from '../application/unit-coverage/coverage.queries';
import { type TreeQueries } from '../application/tree/tree.queries';
import { type RegistryQueries } from '../application/units-and-buildings/registry.queries';
import { type BuildingView, type OrganizationView, type UnitView } from '../application/read-models';

/** The batched reads the loaders call: organizations, units, buildings, and who covers a unit. */
export class BatchedReads {
  constructor(
    readonly tree: TreeQueries,
    readonly registry: RegistryQueries,
    readonly coverage: CoverageQueries,
  ) {}
}

/** Per-request batching: one database round trip per kind of lookup and tick, however many fields ask. */
export class Loaders {
  readonly organization: DataLoader<string, OrganizationView | null>;
  readonly unit: DataLoader<string, UnitView | null>;
  readonly building: DataLoader<string, BuildingView | null>;
  readonly coveringOrganizations: DataLoader<string, OrganizationView[]>;

  constructor(reads: BatchedReads, caller: Caller) {
    this.organization = new DataLoader((ids) => reads.tree.organizationsByIds(caller, ids));
    this.unit = new DataLoader((ids) => reads.registry.unitsByIds(ids));
    this.building = new DataLoader((ids) => reads.registry.buildingsByIds(ids));
    this.coveringOrganizations = new DataLoader((ids) => reads.coverage.coveringOrganizations(ids));
  }
}

export interface RequestContext {
  readonly caller: Caller;
  readonly loaders: Loaders;
}

import { type Collection, type Db } from 'mongodb';
import { type FoldedCategory } from '../application/state/folded-streams';
import {
  type ListDocument,
  type OrganizationRef,
  type SatisfactionDocument,
  type SatisfactionRankingDocument,
  type StreamView,
  type UnitCoverage,
  type UnitRef,
} from '../application/read-models';

/** The projects service's collections (the documents' types are the application's, application/read-models.ts). */
export interface Views {
  /** Each folded stream category's views, by aggregate id (`council_views`, `project_views`, …). */
  readonly streams: Readonly<Record<FoldedCategory, Collection<StreamView<unknown>>>>;
  readonly lists: Collection<ListDocument>;
  readonly satisfaction: Collection<SatisfactionDocument>;
  readonly rankings: Collection<SatisfactionRankingDocument>;
  readonly organizations: Collection<OrganizationRef>;
  readonly units: Collection<UnitRef>;
  readonly unitCoverage: Collection<UnitCoverage>;
}

export const FOLDED_COLLECTIONS: Readonly<Record<FoldedCategory, string>> = {
  council: 'council_views',
  project: 'project_views',
  selection: 'selection_views',
  need: 'need_views',
  resource: 'resource_views',
  pairing: 'pairing_views',
};

export function views(db: Db): Views {
  return {
    streams: Object.fromEntries(
      Object.entries(FOLDED_COLLECTIONS).map(([category, name]) => [
        category,
        db.collection<StreamView<unknown>>(name),
      ]),
    ) as Record<FoldedCategory, Collection<StreamView<unknown>>>,
    lists: db.collection<ListDocument>('project_lists'),
    satisfaction: db.collection<SatisfactionDocument>('satisfaction'),
    rankings: db.collection<SatisfactionRankingDocument>('satisfaction_rankings'),
    organizations: db.collection<OrganizationRef>('organization_refs'),
    units: db.collection<UnitRef>('unit_refs'),
    unitCoverage: db.collection<UnitCoverage>('unit_coverage'),
  };
}

/** Every read is by `_id`: no index beyond it. */
export function createViewIndexes(): Promise<void> {
  return Promise.resolve();
}

import { type ScopedTarget } from '@lianjian/auth';
import {
  type ListDocument,
  type ListEntry,
  type ListKind,
  type OrganizationRef,
  type SatisfactionDocument,
  type SatisfactionRankingDocument,
  type StreamView,
  type UnitRef,
} from './read-models';
import { type FoldedCategory } from './state/folded-streams';

/** The organization tree and unit registry the projects service learned from the organizations service's events. */
export interface Directory {
  organization(id: string): Promise<OrganizationRef | null>;
  /** The organization's district and its path from the root (itself last). */
  scopeOf(organizationId: string): Promise<ScopedTarget>;
  unit(id: string): Promise<UnitRef | null>;
  /** The organizations that cover the unit (its party organization, or a joint branch). */
  coveringOrganizations(unitId: string): Promise<string[]>;
}

/** The read models, every read by exact key. */
export interface ProjectsReadModel {
  view<S>(category: FoldedCategory, id: string): Promise<StreamView<S> | null>;
  views<S>(category: FoldedCategory, ids: readonly string[]): Promise<Array<StreamView<S>>>;
  /** The entries of the lists of one kind under these keys. */
  entries(kind: ListKind, keys: readonly string[]): Promise<ListEntry[]>;
  satisfaction(ids: readonly string[]): Promise<SatisfactionDocument[]>;
  ranking(district: string): Promise<SatisfactionRankingDocument | null>;
  /** Waits until the read models hold every commit this process appended (read-your-writes for a query). */
  reachOwnWrites(): Promise<void>;
}

/** A list entry to set (value) or remove (null). */
export interface ListChange {
  readonly kind: ListKind;
  readonly key: string;
  readonly id: string;
  readonly value: string | null;
}

/** What the state fold writes, once per batch of commits (only the projection's single writer calls it). */
export interface ProjectsStateWriter {
  views(category: FoldedCategory, ids: readonly string[]): Promise<Array<StreamView<unknown>>>;
  satisfaction(ids: readonly string[]): Promise<SatisfactionDocument[]>;
  rankings(ids: readonly string[]): Promise<SatisfactionRankingDocument[]>;
  save(batch: {
    readonly views: ReadonlyArray<{ readonly category: FoldedCategory; readonly view: StreamView<unknown> }>;
    readonly lists: readonly ListChange[];
    readonly satisfaction: readonly SatisfactionDocument[];
    readonly rankings: readonly SatisfactionRankingDocument[];
  }): Promise<void>;
}

export type { ListDocument };

import { type AnyBulkWriteOperation } from 'mongodb';
import { findByKeys } from '@lianjian/event-store';
import { type LogProjection } from '@lianjian/messaging';
import { type ListChange, type ProjectsReadModel, type ProjectsStateWriter } from '../application/ports';
import {
  type ListDocument,
  type ListEntry,
  type ListKind,
  type SatisfactionDocument,
  type SatisfactionRankingDocument,
  type StreamView,
} from '../application/read-models';
import { type FoldedCategory } from '../application/state/folded-streams';
import { type Views } from './views';

const listId = (kind: ListKind, key: string): string => `${kind}:${key}`;

/** The read models on the service's database, every read by exact key (`_id` or `$in` of `_id`s). */
export class MongoProjectsReadModel implements ProjectsReadModel, ProjectsStateWriter {
  constructor(
    private readonly v: Views,
    /** The projection's log (the projection itself writes through an instance without one). */
    private readonly log: Pick<LogProjection, 'reachOwnWrites'> | null = null,
  ) {}

  reachOwnWrites(): Promise<void> {
    return this.log ? this.log.reachOwnWrites() : Promise.resolve();
  }

  async view<S>(category: FoldedCategory, id: string): Promise<StreamView<S> | null> {
    return (await this.v.streams[category].findOne({ _id: id })) as StreamView<S> | null;
  }

  async views<S>(category: FoldedCategory, ids: readonly string[]): Promise<Array<StreamView<S>>> {
    const found = new Map((await findByKeys(this.v.streams[category], ids)).map((d) => [d._id, d]));
    return ids.flatMap((id) => (found.get(id) as StreamView<S> | undefined) ?? []);
  }

  async entries(kind: ListKind, keys: readonly string[]): Promise<ListEntry[]> {
    const prefix = `${kind}:`;
    const docs = await findByKeys(
      this.v.lists,
      keys.map((key) => listId(kind, key)),
    );
    return docs.flatMap((doc) =>
      Object.entries(doc.entries ?? {}).map(([id, value]) => ({ key: doc._id.slice(prefix.length), id, value })),
    );
  }

  satisfaction(ids: readonly string[]): Promise<SatisfactionDocument[]> {
    return findByKeys(this.v.satisfaction, ids);
  }

  ranking(district: string): Promise<SatisfactionRankingDocument | null> {
    return this.v.rankings.findOne({ _id: `district:${district}` });
  }

  rankings(ids: readonly string[]): Promise<SatisfactionRankingDocument[]> {
    return findByKeys(this.v.rankings, ids);
  }

  /**
   * One batch: the lists, counts and rankings first, then the views; a crash in between repeats the batch, which
   * writes the same entries again and adds no rating twice (the counts hold the position they include).
   */
  async save(batch: Parameters<ProjectsStateWriter['save']>[0]): Promise<void> {
    if (batch.lists.length) await this.v.lists.bulkWrite(batch.lists.map(listWrite), { ordered: false });
    if (batch.satisfaction.length)
      await this.v.satisfaction.bulkWrite(
        batch.satisfaction.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
        { ordered: false },
      );
    if (batch.rankings.length)
      await this.v.rankings.bulkWrite(
        batch.rankings.map((doc) => ({
          updateOne: {
            filter: { _id: doc._id },
            update: {
              $set: {
                position: doc.position,
                ...Object.fromEntries(Object.entries(doc.projects).map(([id, counts]) => [`projects.${id}`, counts])),
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    const byCategory = new Map<FoldedCategory, Array<StreamView<unknown>>>();
    for (const { category, view } of batch.views) byCategory.set(category, [...(byCategory.get(category) ?? []), view]);
    await Promise.all(
      [...byCategory].map(([category, docs]) =>
        this.v.streams[category].bulkWrite(
          docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
          { ordered: false },
        ),
      ),
    );
  }
}

function listWrite(change: ListChange): AnyBulkWriteOperation<ListDocument> {
  const field = `entries.${change.id}`;
  return {
    updateOne: {
      filter: { _id: listId(change.kind, change.key) },
      update: change.value === null ? { $unset: { [field]: '' } } : { $set: { [field]: change.value } },
      upsert: change.value !== null,
    },
  };
}

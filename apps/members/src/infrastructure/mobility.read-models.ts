import { type AnyBulkWriteOperation, type Collection, type Db } from 'mongodb';
import { findByKeys } from '@lianjian/event-store';
import {
  type CommunityRegistrationView,
  type MobilityListChange,
  type MobilityListEntry,
  type MobilityListKind,
  type MobilityReadModel,
  type MobilityView,
  type MobilityWriter,
} from '../application/mobility/mobility.ports';

/**
 * A list of mobility or community registrations, one document per kind and organization (or member), keyed
 * `<kind>:<key>`, holding `id → value` (see `MobilityListKind`): read by exact key, changed by `$set` / `$unset` of one
 * entry, which a replayed batch writes again to the same effect — as the rosters are.
 */
export interface MobilityListDocument {
  readonly _id: string;
  readonly entries: Readonly<Record<string, string>>;
}

export interface MobilityCollections {
  /** A member's mobility (流动党员), by member id. */
  readonly mobility: Collection<MobilityView>;
  /** A member's registration with a community (在职党员到社区报到), by `<memberId>-<communityId>`. */
  readonly registrations: Collection<CommunityRegistrationView>;
  readonly lists: Collection<MobilityListDocument>;
}

export function mobilityCollections(db: Db): MobilityCollections {
  return {
    mobility: db.collection<MobilityView>('mobility_views'),
    registrations: db.collection<CommunityRegistrationView>('community_registration_views'),
    lists: db.collection<MobilityListDocument>('mobility_lists'),
  };
}

const listId = (kind: MobilityListKind, key: string): string => `${kind}:${key}`;

async function inOrder<T extends { _id: string }>(collection: Collection<T>, ids: readonly string[]): Promise<T[]> {
  const found = new Map((await findByKeys(collection, ids)).map((d) => [d._id, d]));
  return ids.flatMap((id) => found.get(id) ?? []);
}

/** The mobility read models on the service's database, every read by exact key (`_id` or `$in` of `_id`s). */
export class MongoMobilityReadModel implements MobilityReadModel, MobilityWriter {
  constructor(private readonly c: MobilityCollections) {}

  mobility(memberId: string): Promise<MobilityView | null> {
    return this.c.mobility.findOne({ _id: memberId });
  }

  mobilities(memberIds: readonly string[]): Promise<MobilityView[]> {
    return inOrder(this.c.mobility, memberIds);
  }

  registration(registrationId: string): Promise<CommunityRegistrationView | null> {
    return this.c.registrations.findOne({ _id: registrationId });
  }

  registrations(registrationIds: readonly string[]): Promise<CommunityRegistrationView[]> {
    return inOrder(this.c.registrations, registrationIds);
  }

  async entries(kind: MobilityListKind, keys: readonly string[]): Promise<MobilityListEntry[]> {
    const prefix = `${kind}:`;
    const docs = await findByKeys(
      this.c.lists,
      keys.map((key) => listId(kind, key)),
    );
    return docs.flatMap((doc) =>
      Object.entries(doc.entries ?? {}).map(([id, value]) => ({ kind, key: doc._id.slice(prefix.length), id, value })),
    );
  }

  /** The lists in one bulk write, then the documents in one each: a crash in between repeats the batch, lists too. */
  async save(batch: {
    readonly lists: readonly MobilityListChange[];
    readonly mobilities: readonly MobilityView[];
    readonly registrations: readonly CommunityRegistrationView[];
  }): Promise<void> {
    const byList = new Map<string, { set: Record<string, string>; unset: Record<string, ''> }>();
    for (const change of batch.lists) {
      const id = listId(change.kind, change.key);
      let ops = byList.get(id);
      if (!ops) byList.set(id, (ops = { set: {}, unset: {} }));
      if (change.value === null) ops.unset[`entries.${change.id}`] = '';
      else ops.set[`entries.${change.id}`] = change.value;
    }
    const lists: Array<AnyBulkWriteOperation<MobilityListDocument>> = [...byList].map(([id, { set, unset }]) => ({
      updateOne: {
        filter: { _id: id },
        update: {
          ...(Object.keys(set).length ? { $set: set } : {}),
          ...(Object.keys(unset).length ? { $unset: unset } : {}),
        },
        upsert: true,
      },
    }));
    if (lists.length) await this.c.lists.bulkWrite(lists, { ordered: false });
    const replace = <T extends { _id: string }>(docs: readonly T[]): Array<AnyBulkWriteOperation<T>> =>
      docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id } as never, replacement: doc, upsert: true } }));
    if (batch.mobilities.length) await this.c.mobility.bulkWrite(replace(batch.mobilities), { ordered: false });
    if (batch.registrations.length)
      await this.c.registrations.bulkWrite(replace(batch.registrations), { ordered: false });
  }
}

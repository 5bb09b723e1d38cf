import { type Collection } from 'mongodb';
import { type StreamMetadataDocument } from './store-documents';
import { type StreamMetadata } from './types';

/**
 * A stream's metadata, one document per stream by exact key: where its reads start (truncation) and whether it reads
 * as deleted (a tombstone). The commits themselves are never removed: they stay in the global order.
 */
export class StreamMetadataStore {
  constructor(private readonly streams: Collection<StreamMetadataDocument>) {}

  async get(streamId: string): Promise<StreamMetadata> {
    const doc = await this.streams.findOne({ _id: streamId });
    return { streamId, truncateBefore: doc?.truncateBefore ?? 0, deletedAtVersion: doc?.deletedAtVersion ?? null };
  }

  /** Reads of the stream start at `beforeVersion` from now on (never earlier than an earlier truncation). */
  async truncate(streamId: string, beforeVersion: number): Promise<void> {
    await this.streams.updateOne(
      { _id: streamId },
      { $max: { truncateBefore: beforeVersion }, $setOnInsert: { deletedAtVersion: null } },
      { upsert: true },
    );
  }

  /** The stream reads as empty up to `version`, its current version; appending again revives it after it. */
  async markDeleted(streamId: string, version: number): Promise<void> {
    await this.streams.updateOne(
      { _id: streamId },
      { $set: { deletedAtVersion: version }, $setOnInsert: { truncateBefore: 0 } },
      { upsert: true },
    );
  }
}

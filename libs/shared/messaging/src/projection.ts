import { type Collection, type Document, type Filter, type UpdateFilter } from 'mongodb';
import { isDuplicateKeyError } from '@lianjian/event-store';

/**
 * Applies an update to a read-model document only if the event's stream version is newer than the one the
 * document has seen (a position-guarded single-document update). Redelivered and replayed events are absorbed:
 * at-least-once delivery becomes effectively-once. Returns false when the event was already applied.
 */
export async function applyIfNewer<T extends Document & { _id: string }>(
  collection: Collection<T>,
  id: string,
  version: number,
  update: UpdateFilter<T>,
): Promise<boolean> {
  const filter = { _id: id, $or: [{ version: { $lt: version } }, { version: { $exists: false } }] } as unknown as Filter<T>;
  const set = { ...(update.$set ?? {}), version } as unknown as UpdateFilter<T>['$set'];
  try {
    const result = await collection.updateOne(filter, { ...update, $set: set }, { upsert: true });
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false; // the document exists at this version or newer
    throw error;
  }
}

import { type Collection, type Db } from 'mongodb';
import { type RevealCounter } from '../application/personal-data/reveal-quota';

interface RevealCount {
  /** `<subject>|<hour ISO>`: one document per caller and clock hour. */
  _id: string;
  count: number;
  /** When the hour's count stops mattering; a TTL index removes it a day later. */
  hourEndsAt: Date;
}

/** The reveals per caller and hour, counted atomically in the service's database (every instance sees them). */
export class MongoRevealCounter implements RevealCounter {
  private readonly counts: Collection<RevealCount>;

  constructor(db: Db) {
    this.counts = db.collection<RevealCount>('reveal_counts');
  }

  async ensureIndexes(): Promise<void> {
    await this.counts.createIndex({ hourEndsAt: 1 }, { expireAfterSeconds: 24 * 60 * 60 });
  }

  async increment(subject: string, hour: Date): Promise<number> {
    const counted = await this.counts.findOneAndUpdate(
      { _id: `${subject}|${hour.toISOString()}` },
      { $inc: { count: 1 }, $setOnInsert: { hourEndsAt: new Date(hour.getTime() + 60 * 60 * 1000) } },
      { upsert: true, returnDocument: 'after' },
    );
    return counted?.count ?? 1;
  }
}

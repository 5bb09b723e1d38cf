import { randomUUID } from 'node:crypto';
import { type Collection, type Db, type Document } from 'mongodb';
import { isDuplicateKeyError } from '@lianjian/event-store';

/** A lease document: who holds the work, until when, and whatever the holder keeps with it (a checkpoint). */
export type LeaseDocument<Extra extends Document = Document> = {
  _id: string;
  owner: string;
  expiresAt: Date;
} & Extra;

/**
 * One active worker per name, across every instance of a service: the relay, and each projection. The holder renews
 * it while it works; when it dies, another instance takes over once the lease has expired. Writes that must come
 * from the holder only are fenced with `fenced()` (the lease document's `_id` and `owner`).
 *
 * It rests on single-document atomicity of a conditional update on a small collection (one document per worker),
 * which the database conformance suite proves for a backend before the platform runs on it.
 */
export class Lease<Extra extends Document = Document> {
  readonly owner = randomUUID();
  private heldUntil = 0;

  constructor(
    private readonly collection: Collection<LeaseDocument<Extra>>,
    readonly name: string,
    private readonly ttlMs = 10_000,
    private readonly initial: Partial<Extra> = {},
  ) {}

  static in<E extends Document = Document>(db: Db, name: string, ttlMs?: number, initial: Partial<E> = {}): Lease<E> {
    return new Lease<E>(db.collection<LeaseDocument<E>>('leases'), name, ttlMs, initial);
  }

  /** Takes the lease when it is free or expired, or renews it; returns the lease document while held, else null. */
  async hold(): Promise<LeaseDocument<Extra> | null> {
    const now = new Date();
    try {
      const doc = await this.collection.findOneAndUpdate(
        { _id: this.name, $or: [{ owner: this.owner }, { expiresAt: { $lt: now } }] } as never,
        {
          $set: { owner: this.owner, expiresAt: new Date(now.getTime() + this.ttlMs) },
          $setOnInsert: this.initial,
        } as never,
        { upsert: true, returnDocument: 'after' },
      );
      this.heldUntil = doc ? now.getTime() + this.ttlMs : 0;
      return (doc as LeaseDocument<Extra> | null) ?? null;
    } catch (error) {
      this.heldUntil = 0;
      if (isDuplicateKeyError(error)) return null; // another instance holds a live lease
      throw error;
    }
  }

  /** Held, by this process's own clock, with a margin for the time a renewal takes. */
  get held(): boolean {
    return Date.now() < this.heldUntil - Math.min(2_000, this.ttlMs / 4);
  }

  /** Held, and not yet half way to its expiry: no need to renew before the next piece of work. */
  get fresh(): boolean {
    return Date.now() < this.heldUntil - this.ttlMs / 2;
  }

  /** The filter of a write that only the holder may make: it matches nothing once another instance took over. */
  fenced(): { _id: string; owner: string } {
    return { _id: this.name, owner: this.owner };
  }

  /** Saves fields on the lease document if still held; false when the lease was lost. */
  async save(fields: Partial<Extra>): Promise<boolean> {
    const saved = await this.collection.updateOne(this.fenced() as never, { $set: fields });
    if (saved.matchedCount === 0) this.heldUntil = 0;
    return saved.matchedCount === 1;
  }

  async read(): Promise<LeaseDocument<Extra> | null> {
    return (await this.collection.findOne({ _id: this.name } as never)) as LeaseDocument<Extra> | null;
  }

  /** Gives the lease up at once (on shutdown), so another instance need not wait for it to expire. */
  async release(): Promise<void> {
    if (this.heldUntil === 0) return;
    this.heldUntil = 0;
    await this.collection.updateOne(this.fenced() as never, { $set: { expiresAt: new Date(0) } } as never);
  }
}

/**
 * The two lease writes that are not exact keys (a conditional update on `{_id, …}`), for the services' declared
 * reads: one document per worker, so the collection stays tiny whatever the database does with the condition.
 */
export const LEASE_READS: ReadonlyArray<{ collection: string; fields: readonly string[]; reason: string }> = [
  {
    collection: 'leases',
    fields: ['_id', '$or'],
    reason: 'taking or renewing a lease: one document per worker, the collection stays tiny',
  },
  {
    collection: 'leases',
    fields: ['_id', 'owner'],
    reason: "the lease holder's fenced write: one document per worker",
  },
];

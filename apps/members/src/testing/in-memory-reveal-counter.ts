import { type RevealCounter } from '../application/personal-data/reveal-quota';

/** The reveals per caller and hour in memory, as the database keeps them (tests). */
export class InMemoryRevealCounter implements RevealCounter {
  private readonly counts = new Map<string, number>();

  increment(subject: string, hour: Date): Promise<number> {
    const key = `${subject}|${hour.toISOString()}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    return Promise.resolve(count);
  }
}

import { type IsoDate, isoDateAt } from './calendar';

/** What a service asks for today's date: the deployment's clock, or a fixed day in tests and demos. */
export interface Clock {
  today(): IsoDate;
}

/**
 * Today at the deployment's fixed UTC offset (480 minutes for Beijing time), or `fixedToday` when one is set (the
 * `LIANJIAN_TODAY` setting, for tests and demonstrations).
 */
export const deploymentClock = (utcOffsetMinutes: number, fixedToday: IsoDate | null = null): Clock => ({
  today: () => fixedToday ?? isoDateAt(new Date(), utcOffsetMinutes),
});

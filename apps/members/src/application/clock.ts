import { type IsoDate, isoDateAt } from '@lianjian/calendar';

export interface Clock {
  today(): IsoDate;
}

export const deploymentClock = (utcOffsetMinutes: number, fixedToday: string | null = null): Clock => ({
  today: () => fixedToday ?? isoDateAt(new Date(), utcOffsetMinutes),
});

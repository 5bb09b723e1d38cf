import { type IsoDate } from '@lianjian/members-domain';

export interface Clock {
  today(): IsoDate;
}

export const deploymentClock = (utcOffsetMinutes: number, fixedToday: string | null = null): Clock => ({
  today: () => fixedToday ?? new Date(Date.now() + utcOffsetMinutes * 60_000).toISOString().slice(0, 10),
});

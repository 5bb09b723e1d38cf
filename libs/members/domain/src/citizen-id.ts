import { type IsoDate, isIsoDate } from '@lianjian/calendar';

/** Weights of the GB 11643-1999 check digit (ISO 7064 MOD 11-2) and the check characters by remainder. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export type CitizenIdCheck =
  | {
      readonly valid: true;
      readonly normalized: string;
      readonly birthDate: IsoDate;
      readonly gender: 'Male' | 'Female';
    }
  | { readonly valid: false; readonly reason: string };

export function checkDigitOf(first17: string): string {
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0);
  return CHECK[sum % 11]!;
}

/**
 * A citizen ID number (公民身份号码, GB 11643-1999): 18 characters — a 6-digit address code, the birth date
 * (YYYYMMDD), a 3-digit sequence (odd for men, even for women) and a check digit (0–9 or X).
 */
export function checkCitizenId(raw: string, today: IsoDate): CitizenIdCheck {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value))
    return { valid: false, reason: 'a citizen ID number has 17 digits and a check digit (0–9 or X)' };
  if (value[0] === '0') return { valid: false, reason: 'the address code is not a valid region code' };
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || birthDate > today) {
    return { valid: false, reason: `the birth date ${value.slice(6, 14)} in the number is not a real past date` };
  }
  if (checkDigitOf(value.slice(0, 17)) !== value[17])
    return { valid: false, reason: 'the check digit does not match (GB 11643)' };
  return { valid: true, normalized: value, birthDate, gender: Number(value[16]) % 2 === 1 ? 'Male' : 'Female' };
}

/** `420111198001011234` → `4201**********1234`: region and last four, nothing of the birth date. */
export const maskCitizenId = (value: string): string =>
  `${value.slice(0, 4)}${'*'.repeat(Math.max(0, value.length - 8))}${value.slice(-4)}`;

/** Mainland mobile numbers: 11 digits starting with 1. */
export const isMobilePhone = (value: string): boolean => /^1[3-9]\d{9}$/.test(value);

/** `13812345678` → `138****5678`. */
export const maskPhone = (value: string): string =>
  value.length > 7 ? `${value.slice(0, 3)}${'*'.repeat(value.length - 7)}${value.slice(-4)}` : '*'.repeat(value.length);

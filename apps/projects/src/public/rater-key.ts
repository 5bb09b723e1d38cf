import { createHmac } from 'node:crypto';
import { deriveKey } from '../infrastructure/derived-key';
import { PublicRefusal } from './public-errors';

/**
 * One rating per person and project (docs/adr/0026-one-rating-per-person-per-project.md): the rater gives a mobile
 * number, which is never stored nor logged; the rater's key is a keyed hash of the project and the normalized number,
 * and names the rating's stream (`rating-<projectId>-<raterKey>`), so a second rating of the same person on the same
 * project finds its stream taken. The key is derived from the master key under its own label: without it a key
 * cannot be linked to a number, and a key of one project says nothing about the same person on another.
 */
export const RATER_KEY_INFO = 'lianjian/projects/rater-keys';

export function raterKeySecret(masterKey: Buffer): Buffer {
  return deriveKey(masterKey, RATER_KEY_INFO);
}

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * A mainland mobile number as people write it (spaces, dashes, dots, brackets, a +86 / 0086 / 86 prefix) in its 11
 * digits; BAD_USER_INPUT on `contact` otherwise (the message never repeats the number).
 */
export function normalizeMobile(typed: string): string {
  const digits = typed.replace(/[\s\-().]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (!MOBILE.test(digits))
    throw new PublicRefusal(
      'BAD_USER_INPUT',
      'contact must be a mainland mobile number (11 digits, 1[3-9]…)',
      'contact',
    );
  return digits;
}

/** The rater's key on a project: HMAC-SHA256(key, projectId NUL mobile), base64url, 32 characters (192 bits). */
export function raterKey(secret: Buffer, projectId: string, contact: string): string {
  return createHmac('sha256', secret)
    .update(`${projectId}\u0000${normalizeMobile(contact)}`)
    .digest('base64url')
    .slice(0, 32);
}

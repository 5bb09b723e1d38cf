import { createHmac, timingSafeEqual } from 'node:crypto';
import { addDays, parseIsoDate, type IsoDate } from '@lianjian/calendar';
import { deriveKey } from '../infrastructure/derived-key';
import { PublicRefusal } from './public-errors';

/**
 * The signed code of a public link (a project's rating form, a council's need form), in the URL and the QR code
 * posted where the project ran: `/public/rate?l=<code>`, `/public/need?l=<code>`. Like the members service's transfer
 * letter code (apps/members/src/infrastructure/transfer-letter/letter-code.ts), a compact token that the service
 * alone can issue and check:
 *
 *   version (1 byte, 1), purpose (1 byte: 1 rate, 2 need, 3 a need's receipt)
 *   id: 0x00 + 16 bytes when it is a lowercase canonical UUID, else its UTF-8 length (1-64) + UTF-8
 *   validUntil: days since 2000-01-01, unsigned 16 bits big-endian (0xffff: no end)
 *   tag: HMAC-SHA256 of everything before it, first 12 bytes (96 bits)
 *
 * then base64url. The key is derived from the service's master key with HKDF under its own label. The claims name a
 * project or a council (no personal data); the tag is what makes them trustworthy.
 */
export type LinkPurpose = 'rate' | 'need' | 'receipt';

export interface LinkClaims {
  readonly purpose: LinkPurpose;
  /** The project (rate) or council (need) the link opens. */
  readonly id: string;
  /** The last day the link is valid; null: no end. */
  readonly validUntil: IsoDate | null;
}

export const LINK_KEY_INFO = 'lianjian/projects/links';

const VERSION = 1;
const TAG_BYTES = 12;
const EPOCH: IsoDate = '2000-01-01';
const NO_END = 0xffff;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PURPOSES: Record<LinkPurpose, number> = { rate: 1, need: 2, receipt: 3 };
const CODE = /^[A-Za-z0-9_-]{1,200}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The key that tags link codes, derived from the projects service's master key (32 bytes). */
export function linkKey(masterKey: Buffer): Buffer {
  return deriveKey(masterKey, LINK_KEY_INFO);
}

function dayNumber(date: IsoDate): number {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`validUntil is not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const days = parseIsoDate(EPOCH)!.until(parsed, { largestUnit: 'days' }).days;
  if (days < 0 || days >= NO_END) throw new RangeError(`validUntil ${date} is outside the code's calendar`);
  return days;
}

function payloadOf(claims: LinkClaims): Buffer {
  let id: Buffer;
  if (UUID.test(claims.id)) id = Buffer.concat([Buffer.from([0]), Buffer.from(claims.id.replace(/-/g, ''), 'hex')]);
  else {
    const bytes = Buffer.from(claims.id, 'utf8');
    if (bytes.length < 1 || bytes.length > 64) throw new RangeError('a link names an id of 1 to 64 bytes');
    id = Buffer.concat([Buffer.from([bytes.length]), bytes]);
  }
  const until = Buffer.alloc(2);
  until.writeUInt16BE(claims.validUntil === null ? NO_END : dayNumber(claims.validUntil), 0);
  return Buffer.concat([Buffer.from([VERSION, PURPOSES[claims.purpose]]), id, until]);
}

function claimsOf(payload: Buffer): LinkClaims | null {
  if (payload.length < 4 || payload[0] !== VERSION) return null;
  const purpose = (Object.keys(PURPOSES) as LinkPurpose[]).find((p) => PURPOSES[p] === payload[1]);
  if (!purpose) return null;
  let at = 2;
  let id: string;
  if (payload[at] === 0) {
    const hex = payload.subarray(at + 1, at + 17).toString('hex');
    if (hex.length !== 32) return null;
    id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    at += 17;
  } else {
    const length = payload[at]!;
    const bytes = payload.subarray(at + 1, at + 1 + length);
    if (bytes.length !== length) return null;
    try {
      id = UTF8.decode(bytes);
    } catch {
      return null;
    }
    at += 1 + length;
  }
  if (at + 2 !== payload.length) return null;
  const days = payload.readUInt16BE(at);
  return { purpose, id, validUntil: days === NO_END ? null : addDays(EPOCH, days) };
}

const tagOf = (key: Buffer, payload: Buffer): Buffer =>
  createHmac('sha256', key).update(payload).digest().subarray(0, TAG_BYTES);

/** The link's code: its claims and their tag, base64url. */
export function signLinkCode(key: Buffer, claims: LinkClaims): string {
  const payload = payloadOf(claims);
  return Buffer.concat([payload, tagOf(key, payload)]).toString('base64url');
}

/**
 * The claims of a genuine code for this purpose. LINK_INVALID when it is malformed, forged, signed with another key
 * or for the other purpose; LINK_EXPIRED when genuine but its last valid day is before `today`.
 */
export function openLinkCode(key: Buffer, code: string, purpose: LinkPurpose, today: IsoDate): LinkClaims {
  const invalid = () => new PublicRefusal('LINK_INVALID', 'this link was not issued here or was altered', 'link');
  if (!CODE.test(code)) throw invalid();
  const bytes = Buffer.from(code, 'base64url');
  if (bytes.toString('base64url') !== code || bytes.length < 4 + TAG_BYTES) throw invalid();
  const payload = bytes.subarray(0, bytes.length - TAG_BYTES);
  if (!timingSafeEqual(tagOf(key, payload), bytes.subarray(bytes.length - TAG_BYTES))) throw invalid();
  const claims = claimsOf(payload);
  if (!claims || claims.purpose !== purpose) throw invalid();
  if (claims.validUntil !== null && claims.validUntil < today)
    throw new PublicRefusal('LINK_EXPIRED', `this link was valid until ${claims.validUntil}`, 'link');
  return claims;
}

import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { addDays, parseIsoDate, type IsoDate } from '@lianjian/calendar';
import { refuse } from '@lianjian/members-domain';

/**
 * The signed code of a transfer letter (介绍信验证码), printed under the letter's QR code: the receiving branch scans
 * it or types it to open the transfer (docs/adr/0023-transfer-letter-pdf-and-signed-code.md).
 *
 * Layout (version 1), then Crockford base32 in groups of five (`7ZQ3K-…`):
 *
 *   version (1 byte, 1)
 *   transferId: 0x00 + 16 bytes when it is a lowercase canonical UUID, else its UTF-8 length (1-255) + UTF-8
 *   letterNumber: UTF-8 length (1-255) + UTF-8
 *   issuedOn, validUntil: days since 2000-01-01, unsigned 16 bits big-endian each
 *   tag: HMAC-SHA256 of everything before it, first 10 bytes (80 bits)
 *
 * The key is the members service's own, derived from its master key with HKDF under its own label: only the service
 * can issue or check a code. The claims are readable by anyone who decodes the code (they are printed on the letter
 * anyway: no personal data); the tag is what makes them trustworthy.
 */

/** What a letter's code vouches for. */
export interface TransferLetterClaims {
  readonly transferId: string;
  readonly letterNumber: string;
  readonly issuedOn: IsoDate;
  readonly validUntil: IsoDate;
}

const VERSION = 1;
const TAG_BYTES = 10;
const EPOCH: IsoDate = '2000-01-01';
const MAX_DAY = 0xffff;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Crockford's base32: digits and capitals without I, L, O and U; read case-blind, O as 0, I and L as 1. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = 5;
/** The input field a refusal names (the lead's GraphQL input may rename it). */
const FIELD = 'letterCode';

/** HKDF info label of the letter-code key: a key of its own, apart from key wrapping and the citizen-ID index. */
export const LETTER_CODE_KEY_INFO = 'lianjian/members/transfer-letter-code';

/** The key that tags letter codes, derived from the members service's master key (32 bytes). */
export function letterCodeKey(masterKey: Buffer): Buffer {
  if (masterKey.length !== 32) throw new RangeError('the members master key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), LETTER_CODE_KEY_INFO, 32));
}

// ---------------------------------------------------------------------------------------------------------------
// Crockford base32

function toBase32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** The bytes a code names, or null when it has a character outside the alphabet or stray bits at its end. */
function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  // the last character's unused bits must be zero: otherwise two texts would name the same bytes
  if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return null;
  return Buffer.from(bytes);
}

/** A code as printed: capitals, in groups of five joined by hyphens. */
const grouped = (text: string): string => text.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');

/**
 * The code as typed, in the alphabet's own letters: case, spaces and hyphens ignored; O read as 0, I and L as 1
 * (Crockford's rules for codes people copy by hand).
 */
export const normalizeLetterCode = (typed: string): string =>
  typed
    .toUpperCase()
    .replace(/[\s\-–—_]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');

// ---------------------------------------------------------------------------------------------------------------
// payload

function dayNumber(date: IsoDate, name: string): number {
  const parsed = parseIsoDate(date);
  if (!parsed) throw new RangeError(`${name} is not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  const days = parseIsoDate(EPOCH)!.until(parsed, { largestUnit: 'days' }).days;
  if (days < 0 || days > MAX_DAY) throw new RangeError(`${name} ${date} is outside the code's calendar`);
  return days;
}

function text(value: string, name: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length < 1 || bytes.length > 255)
    throw new RangeError(`${name} must be 1 to 255 bytes of UTF-8 to go into a letter code (it is ${bytes.length})`);
  return Buffer.concat([Buffer.from([bytes.length]), bytes]);
}

function payloadOf(claims: TransferLetterClaims): Buffer {
  const issued = dayNumber(claims.issuedOn, 'issuedOn');
  const until = dayNumber(claims.validUntil, 'validUntil');
  if (until < issued) throw new RangeError(`validUntil ${claims.validUntil} is before issuedOn ${claims.issuedOn}`);
  const id = UUID.test(claims.transferId)
    ? Buffer.concat([Buffer.from([0]), Buffer.from(claims.transferId.replace(/-/g, ''), 'hex')])
    : text(claims.transferId, 'transferId');
  const dates = Buffer.alloc(4);
  dates.writeUInt16BE(issued, 0);
  dates.writeUInt16BE(until, 2);
  return Buffer.concat([Buffer.from([VERSION]), id, text(claims.letterNumber, 'letterNumber'), dates]);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The claims of a payload whose tag was checked; null when its layout is wrong (only a bug or a stolen key). */
function claimsOf(payload: Buffer): TransferLetterClaims | null {
  let at = 1;
  const take = (n: number): Buffer | null => {
    if (at + n > payload.length) return null;
    const part = payload.subarray(at, at + n);
    at += n;
    return part;
  };
  const textPart = (): string | null => {
    const length = take(1)?.[0];
    const bytes = length ? take(length) : null;
    if (!bytes) return null;
    try {
      return UTF8.decode(bytes);
    } catch {
      return null;
    }
  };
  let transferId: string | null;
  if (payload[at] === 0) {
    at += 1;
    const hex = take(16)?.toString('hex');
    transferId = hex
      ? `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
      : null;
  } else transferId = textPart();
  const letterNumber = textPart();
  const dates = take(4);
  if (transferId === null || letterNumber === null || !dates || at !== payload.length) return null;
  const issued = dates.readUInt16BE(0);
  const until = dates.readUInt16BE(2);
  if (until < issued) return null;
  return { transferId, letterNumber, issuedOn: addDays(EPOCH, issued), validUntil: addDays(EPOCH, until) };
}

const tagOf = (key: Buffer, payload: Buffer): Buffer =>
  createHmac('sha256', key).update(payload).digest().subarray(0, TAG_BYTES);

// ---------------------------------------------------------------------------------------------------------------

/** The letter's code: its claims and their tag, in Crockford base32 groups of five. */
export function signLetterCode(key: Buffer, claims: TransferLetterClaims): string {
  const payload = payloadOf(claims);
  return grouped(toBase32(Buffer.concat([payload, tagOf(key, payload)])));
}

const FORGED =
  'this code belongs to no letter issued here: it was altered, forged or mistyped (check it against the printed letter)';

/**
 * The claims of a genuine code, typed or scanned (case, spaces and hyphens do not matter).
 * Refuses TRANSFER_LETTER_FORGED when the code is malformed or its tag does not match (altered, forged, signed with
 * another key, mistyped), and TRANSFER_LETTER_EXPIRED when it is genuine but its validity ended before `today`.
 */
export function openLetterCode(key: Buffer, code: string, today: IsoDate): TransferLetterClaims {
  // a genuine code is at most ~850 symbols (two 255-byte texts); anything longer is refused before it is read
  const bytes = code.length > 1024 ? null : fromBase32(normalizeLetterCode(code));
  if (!bytes || bytes.length < 1 + TAG_BYTES || bytes[0] !== VERSION)
    return refuse('TRANSFER_LETTER_FORGED', FORGED, FIELD);
  const payload = bytes.subarray(0, bytes.length - TAG_BYTES);
  if (!timingSafeEqual(tagOf(key, payload), bytes.subarray(bytes.length - TAG_BYTES)))
    return refuse('TRANSFER_LETTER_FORGED', FORGED, FIELD);
  const claims = claimsOf(payload);
  if (!claims) return refuse('TRANSFER_LETTER_FORGED', FORGED, FIELD);
  if (claims.validUntil < today)
    refuse(
      'TRANSFER_LETTER_EXPIRED',
      `letter ${claims.letterNumber} expired: it was valid until ${claims.validUntil} (today is ${today}); the sending branch can renew it`,
      FIELD,
    );
  return claims;
}

import { randomBytes } from 'node:crypto';
import { type LinkClaims, type LinkPurpose, linkKey, openLinkCode, signLinkCode } from './link-code';
import { PublicRefusal } from './public-errors';

const TODAY = '2026-11-22';
const KEY = linkKey(Buffer.alloc(32, 7));
const OTHER_KEY = linkKey(Buffer.alloc(32, 8));

const refusal = (fn: () => unknown): { code: string; field: string | null } | 'accepted' => {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    if (error instanceof PublicRefusal) return { code: error.code, field: error.field };
    throw error;
  }
};

/** The code with one byte of its decoded form changed (then encoded again). */
const changedByte = (code: string, index: number): string => {
  const bytes = Buffer.from(code, 'base64url');
  bytes[index] = bytes[index]! ^ 0x01;
  return bytes.toString('base64url');
};

describe('public link codes', () => {
  it.each<LinkClaims>([
    { purpose: 'rate', id: 'p-lift', validUntil: null },
    { purpose: 'need', id: 'c-waitan', validUntil: '2026-12-31' },
    { purpose: 'receipt', id: '0b3e4f8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', validUntil: null },
    { purpose: 'need', id: '外滩街道联席会议', validUntil: TODAY },
  ])('opens a code for its own purpose with its claims: %j', (claims) => {
    const code = signLinkCode(KEY, claims);
    expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(openLinkCode(KEY, code, claims.purpose, TODAY)).toEqual(claims);
  });

  it('keeps a UUID compact (16 bytes) and names no personal data', () => {
    const code = signLinkCode(KEY, { purpose: 'receipt', id: randomBytesUuid(), validUntil: null });
    // version + purpose + 0x00 + 16 + 2 + 12-byte tag
    expect(Buffer.from(code, 'base64url')).toHaveLength(1 + 1 + 1 + 16 + 2 + 12);
  });

  it('refuses a code for another purpose as LINK_INVALID on the link', () => {
    const purposes: LinkPurpose[] = ['rate', 'need', 'receipt'];
    for (const signed of purposes)
      for (const opened of purposes.filter((p) => p !== signed)) {
        const code = signLinkCode(KEY, { purpose: signed, id: 'c-waitan', validUntil: null });
        expect(refusal(() => openLinkCode(KEY, code, opened, TODAY))).toEqual({ code: 'LINK_INVALID', field: 'link' });
      }
  });

  it('refuses a code with any byte changed, and one signed with another key', () => {
    const code = signLinkCode(KEY, { purpose: 'need', id: 'c-waitan', validUntil: '2026-12-31' });
    const length = Buffer.from(code, 'base64url').length;
    for (let i = 0; i < length; i++)
      expect({ i, refusal: refusal(() => openLinkCode(KEY, changedByte(code, i), 'need', TODAY)) }).toEqual({
        i,
        refusal: { code: 'LINK_INVALID', field: 'link' },
      });
    expect(refusal(() => openLinkCode(OTHER_KEY, code, 'need', TODAY))).toEqual({
      code: 'LINK_INVALID',
      field: 'link',
    });
    // another service master key gives another link key
    expect(linkKey(Buffer.alloc(32, 7)).equals(KEY)).toBe(true);
    expect(OTHER_KEY.equals(KEY)).toBe(false);
  });

  it('refuses what is not a code at all', () => {
    const code = signLinkCode(KEY, { purpose: 'rate', id: 'p-lift', validUntil: null });
    for (const bad of ['', 'not a code', 'AAAA', code.slice(0, -1), `${code}A`, `${code}=`, 'x'.repeat(201)])
      expect(refusal(() => openLinkCode(KEY, bad, 'rate', TODAY))).toEqual({ code: 'LINK_INVALID', field: 'link' });
  });

  it('is valid through its last day, LINK_EXPIRED the day after', () => {
    const code = signLinkCode(KEY, { purpose: 'rate', id: 'p-lift', validUntil: '2026-11-22' });
    expect(openLinkCode(KEY, code, 'rate', '2026-11-21').validUntil).toBe('2026-11-22');
    expect(openLinkCode(KEY, code, 'rate', '2026-11-22').validUntil).toBe('2026-11-22');
    expect(refusal(() => openLinkCode(KEY, code, 'rate', '2026-11-23'))).toEqual({
      code: 'LINK_EXPIRED',
      field: 'link',
    });
    // no end: valid on any day
    const open = signLinkCode(KEY, { purpose: 'rate', id: 'p-lift', validUntil: null });
    expect(openLinkCode(KEY, open, 'rate', '2150-01-01').validUntil).toBeNull();
  });

  it('refuses to sign what it cannot carry, and needs a 32-byte master key', () => {
    expect(() => signLinkCode(KEY, { purpose: 'rate', id: '', validUntil: null })).toThrow(RangeError);
    expect(() => signLinkCode(KEY, { purpose: 'rate', id: 'x'.repeat(65), validUntil: null })).toThrow(RangeError);
    expect(() => signLinkCode(KEY, { purpose: 'rate', id: 'p', validUntil: '1999-12-31' })).toThrow(RangeError);
    expect(() => signLinkCode(KEY, { purpose: 'rate', id: 'p', validUntil: '2026-02-30' })).toThrow(RangeError);
    expect(() => linkKey(Buffer.alloc(16))).toThrow(RangeError);
  });
});

function randomBytesUuid(): string {
  const hex = randomBytes(16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

import { hkdfSync } from 'node:crypto';

/**
 * A 32-byte key for one purpose, derived from the projects service's master key (HKDF-SHA256, no salt, the purpose as
 * its info): the link codes' key (`lianjian/projects/links`), the rater keys' (`lianjian/projects/rater-keys`) and the
 * contacts' wrapping key (`lianjian/projects/contact-keys`). A key of one purpose says nothing of another's; changing
 * a purpose's label changes its key (links, rater keys and sealed contacts made before would no longer open).
 */
export function deriveKey(masterKey: Buffer, purpose: string): Buffer {
  if (masterKey.length !== 32) throw new RangeError('the projects master key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), purpose, 32));
}

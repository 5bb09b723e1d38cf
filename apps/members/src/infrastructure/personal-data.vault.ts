import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { memberSealingKeyPair, openForMember, sealForMember } from '@lianjian/contracts';
import { type ProtectedData } from '@lianjian/members-domain';
import {
  type MemberKeyStore,
  type PersonalData,
  type PersonalDataProtection,
  type SealedField,
} from '../application/ports';
import { type MemberKey } from './views';

export { type PersonalData } from '../application/ports';

const b64 = (b: Buffer): string => b.toString('base64url');

function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `v1.${b64(iv)}.${b64(cipher.getAuthTag())}.${b64(data)}`;
}

function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('unknown ciphertext format');
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
}

/** The member's X25519 key pair for texts sealed to them, derived from their data key (gone with it). */
const sealingKeyPair = (dataKey: Buffer) =>
  memberSealingKeyPair(Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'lianjian/members/sealing-key', 32)));

/**
 * Envelope encryption of members' sensitive data (crypto-shredding): every member has a random AES-256-GCM data
 * key, stored wrapped by the master key in `member_keys`, outside the event log. Events carry only ciphertext,
 * bound to the member and field (AAD). Destroying the data key makes every copy unreadable at once — the store,
 * Kafka, consumers' copies and backups. The citizen-ID blind index is an HMAC under a key derived from the master
 * key, so uniqueness is checked without storing the number.
 */
export class PersonalDataVault implements PersonalDataProtection {
  private readonly wrappingKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(
    private readonly keys: MemberKeyStore,
    masterKey: Buffer,
  ) {
    this.wrappingKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'lianjian/members/key-wrapping', 32));
    this.indexKey = Buffer.from(
      hkdfSync('sha256', masterKey, Buffer.alloc(0), 'lianjian/members/citizen-id-index', 32),
    );
  }

  blindIndex(idNumber: string): string {
    return createHmac('sha256', this.indexKey).update(idNumber, 'utf8').digest('base64url');
  }

  /** Creates the member's data key, or returns the existing one (an interrupted import may have made it). */
  async keyFor(memberId: string): Promise<{ keyId: string; key: Buffer }> {
    const created = this.newKey(memberId);
    if (await this.keys.insert(created.doc)) return { keyId: created.doc.keyId, key: created.key };
    const existing = await this.keys.get(memberId);
    if (!existing) throw new Error(`the data key of ${memberId} vanished while it was created`);
    return { keyId: existing.keyId, key: this.unwrap(existing) };
  }

  /** Data keys for many new members in one round trip (bulk import). */
  async newKeysFor(memberIds: readonly string[]): Promise<Map<string, { keyId: string; key: Buffer }>> {
    const created = memberIds.map((memberId) => ({ memberId, ...this.newKey(memberId) }));
    await this.keys.insertMany(created.map((c) => c.doc));
    return new Map(created.map((c) => [c.memberId, { keyId: c.doc.keyId, key: c.key }]));
  }

  protect(memberId: string, key: { keyId: string; key: Buffer }, data: PersonalData): ProtectedData {
    return {
      keyId: key.keyId,
      sealingKey: sealingKeyPair(key.key).publicKey,
      name: data.name === null ? null : seal(key.key, Buffer.from(data.name, 'utf8'), `${memberId}/name`),
      idNumber: seal(key.key, Buffer.from(data.idNumber, 'utf8'), `${memberId}/idNumber`),
      phone: data.phone === null ? null : seal(key.key, Buffer.from(data.phone, 'utf8'), `${memberId}/phone`),
    };
  }

  /** The clear values, or null when the member's key was destroyed (erased). */
  async reveal(memberId: string, data: ProtectedData): Promise<PersonalData | null> {
    const doc = await this.keys.get(memberId);
    if (!doc || doc.keyId !== data.keyId) return null;
    const key = this.unwrap(doc);
    return {
      name: data.name === null ? null : open(key, data.name, `${memberId}/name`).toString('utf8'),
      idNumber: open(key, data.idNumber, `${memberId}/idNumber`).toString('utf8'),
      phone: data.phone === null ? null : open(key, data.phone, `${memberId}/phone`).toString('utf8'),
    };
  }

  async sealFor(memberId: string, field: SealedField, text: string): Promise<string | null> {
    const doc = await this.keys.get(memberId);
    if (!doc) return null;
    return sealForMember(sealingKeyPair(this.unwrap(doc)).publicKey, memberId, field, text);
  }

  async openFor(memberId: string, field: SealedField, sealed: string): Promise<string | null> {
    const doc = await this.keys.get(memberId);
    if (!doc) return null;
    return openForMember(sealingKeyPair(this.unwrap(doc)).privateKey, memberId, field, sealed);
  }

  /** Crypto-shredding: the member's key is gone, and with it every readable copy of their personal data. */
  async destroy(memberId: string): Promise<void> {
    await this.keys.delete(memberId);
  }

  private newKey(memberId: string): { key: Buffer; doc: MemberKey } {
    const key = randomBytes(32);
    return {
      key,
      doc: {
        _id: memberId,
        keyId: randomUUID(),
        wrapped: seal(this.wrappingKey, key, `key/${memberId}`),
        createdAt: new Date(),
      },
    };
  }

  private unwrap(doc: MemberKey): Buffer {
    return open(this.wrappingKey, doc.wrapped, `key/${doc._id}`);
  }
}

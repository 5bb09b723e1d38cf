import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { type Collection, type Db } from 'mongodb';
import {
  type ContactSealing,
  type NeedContact,
  type NeedContactAudit,
  type NeedContactAuditEntry,
} from '../application/lists/contact.ports';
import { deriveKey } from './derived-key';

/** The purpose the contacts' wrapping key is derived under (`deriveKey`): changing it loses every sealed contact. */
export const CONTACT_KEY_INFO = 'lianjian/projects/contact-keys';

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

/** A need's data key, wrapped by the key derived from the master key (`need_keys`, by need id). */
export interface NeedKey {
  readonly _id: string;
  readonly keyId: string;
  readonly wrapped: string;
  readonly createdAt: Date;
}

/**
 * Needs' contact data sealed with AES-256-GCM under a random per-need data key (bound to the need: AAD), the key
 * wrapped by one derived from the service's master key (HKDF-SHA256, info `lianjian/projects/contact-keys`) and kept in
 * `need_keys` outside the event log: the event holds only the ciphertext; deleting the key shreds the contact.
 */
export class ContactVault implements ContactSealing {
  private readonly wrappingKey: Buffer;

  constructor(
    private readonly keys: Collection<NeedKey>,
    masterKey: Buffer,
  ) {
    this.wrappingKey = deriveKey(masterKey, CONTACT_KEY_INFO);
  }

  static on(db: Db, masterKey: Buffer): ContactVault {
    return new ContactVault(db.collection<NeedKey>('need_keys'), masterKey);
  }

  async seal(needId: string, contact: NeedContact): Promise<string> {
    const key = await this.keyFor(needId);
    return seal(
      key,
      Buffer.from(JSON.stringify({ name: contact.name, phone: contact.phone }), 'utf8'),
      `need/${needId}/contact`,
    );
  }

  async open(needId: string, sealed: string): Promise<NeedContact | null> {
    const doc = await this.keys.findOne({ _id: needId });
    if (!doc) return null;
    const clear = JSON.parse(open(this.unwrap(doc), sealed, `need/${needId}/contact`).toString('utf8')) as NeedContact;
    return { name: clear.name ?? null, phone: clear.phone ?? null };
  }

  async destroy(needId: string): Promise<void> {
    await this.keys.deleteOne({ _id: needId });
  }

  /** The need's key: created now, or the one an interrupted submission of the same need made. */
  private async keyFor(needId: string): Promise<Buffer> {
    const key = randomBytes(32);
    const doc: NeedKey = {
      _id: needId,
      keyId: randomUUID(),
      wrapped: seal(this.wrappingKey, key, `key/${needId}`),
      createdAt: new Date(),
    };
    try {
      await this.keys.insertOne(doc);
      return key;
    } catch (error) {
      if ((error as { code?: number }).code !== 11000) throw error;
      const existing = await this.keys.findOne({ _id: needId });
      if (!existing) throw new Error(`the data key of need ${needId} vanished while it was created`);
      return this.unwrap(existing);
    }
  }

  private unwrap(doc: NeedKey): Buffer {
    return open(this.wrappingKey, doc.wrapped, `key/${doc._id}`);
  }
}

/** Every reveal of a need's contact, in `need_contact_audit`. */
export class MongoNeedContactAudit implements NeedContactAudit {
  constructor(private readonly audit: Collection<NeedContactAuditEntry & { _id: string }>) {}

  static on(db: Db): MongoNeedContactAudit {
    return new MongoNeedContactAudit(db.collection('need_contact_audit'));
  }

  async record(entry: NeedContactAuditEntry): Promise<void> {
    await this.audit.insertOne({ _id: randomUUID(), ...entry });
  }
}

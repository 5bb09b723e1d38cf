import {
  type KeyObject,
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
} from 'node:crypto';

/*
 * Personal data another service records about a member (an absence reason in a meeting record) is sealed to the
 * member's public key (ADR 0010): X25519 with a fresh ephemeral key, HKDF-SHA256, AES-256-GCM bound to the member
 * and field. The writer cannot read it back; only the members service, which derives the private key from the
 * member's data key, can — and once the data key is destroyed (erasure), nobody can. The text has the published
 * `Ciphertext` format: `v1.<ephemeral public key ‖ iv>.<tag>.<data>`.
 */

const b64 = (b: Buffer): string => b.toString('base64url');
const PKCS8_X25519 = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519 = Buffer.from('302a300506032b656e032100', 'hex');

/** The X25519 key pair of a member, derived from 32 secret bytes (the members service derives them from the data key). */
export function memberSealingKeyPair(seed: Buffer): { privateKey: KeyObject; publicKey: string } {
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_X25519, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKey: b64(spki.subarray(SPKI_X25519.length)) };
}

const publicKeyObject = (raw: Buffer): KeyObject =>
  createPublicKey({ key: Buffer.concat([SPKI_X25519, raw]), format: 'der', type: 'spki' });

const boxKey = (shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), 'lianjian/sealed-for-member', 32));

/** Seals `text` to the member's public key (base64url, as `MemberRegistered` publishes it), bound to member and field. */
export function sealForMember(publicKey: string, memberId: string, field: string, text: string): string {
  const recipient = Buffer.from(publicKey, 'base64url');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyObject(recipient) });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', boxKey(shared, ephemeralRaw, recipient), iv);
  cipher.setAAD(Buffer.from(`${memberId}/${field}`, 'utf8'));
  const data = Buffer.concat([cipher.update(Buffer.from(text, 'utf8')), cipher.final()]);
  return `v1.${b64(Buffer.concat([ephemeralRaw, iv]))}.${b64(cipher.getAuthTag())}.${b64(data)}`;
}

/** Opens what `sealForMember` sealed, with the member's private key; throws when it was not sealed to it. */
export function openForMember(privateKey: KeyObject, memberId: string, field: string, sealed: string): string {
  const [version, head, tag, data] = sealed.split('.');
  if (version !== 'v1' || !head || !tag || data === undefined) throw new Error('unknown sealed format');
  const headBytes = Buffer.from(head, 'base64url');
  const ephemeralRaw = headBytes.subarray(0, 32);
  const iv = headBytes.subarray(32);
  const recipient = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_X25519.length);
  const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(ephemeralRaw) });
  const decipher = createDecipheriv('aes-256-gcm', boxKey(shared, ephemeralRaw, recipient), iv);
  decipher.setAAD(Buffer.from(`${memberId}/${field}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

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

/*
 * Keys are imported and exported as JWK, not DER: on Node 20 a PKCS#8 import of an X25519 key costs ~350 µs and an
 * SPKI one ~90 µs, a JWK one ~35 µs and ~7 µs — the difference between 1,079 and 691 imported members a second
 * (every new member's public key is derived once). A private JWK is read from `d` alone (Node builds the key from the
 * raw scalar; `x` must be a string and is not read): the RFC 7748 vectors in the spec pin the result.
 */
const rawPublicKey = (key: KeyObject): Buffer =>
  Buffer.from((key.type === 'public' ? key : createPublicKey(key)).export({ format: 'jwk' }).x!, 'base64url');

/** The X25519 key pair of a member, derived from 32 secret bytes (the members service derives them from the data key). */
export function memberSealingKeyPair(seed: Buffer): { privateKey: KeyObject; publicKey: string } {
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: b64(seed), x: '' }, format: 'jwk' });
  return { privateKey, publicKey: b64(rawPublicKey(privateKey)) };
}

const publicKeyObject = (raw: Buffer): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64(raw) }, format: 'jwk' });

const boxKey = (shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), 'lianjian/sealed-for-member', 32));

/** Seals `text` to the member's public key (base64url, as `MemberRegistered` publishes it), bound to member and field. */
export function sealForMember(publicKey: string, memberId: string, field: string, text: string): string {
  const recipient = Buffer.from(publicKey, 'base64url');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublicKey(ephemeral.publicKey);
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
  const recipient = rawPublicKey(privateKey);
  const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(ephemeralRaw) });
  const decipher = createDecipheriv('aes-256-gcm', boxKey(shared, ephemeralRaw, recipient), iv);
  decipher.setAAD(Buffer.from(`${memberId}/${field}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
}

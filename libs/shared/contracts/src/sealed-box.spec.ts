import { createPrivateKey, createPublicKey, diffieHellman, randomBytes } from 'node:crypto';
import { Ciphertext, MaskedName, maskName, memberSealingKeyPair, openForMember, sealForMember } from './index';
import Ajv2020 from 'ajv/dist/2020';

describe('personal data sealed to a member and names masked (ADR 0010)', () => {
  it('seals to the public key; only the private key derived from the same seed opens it, for that member and field', () => {
    const seed = randomBytes(32);
    const member = memberSealingKeyPair(seed);
    expect(memberSealingKeyPair(seed).publicKey).toBe(member.publicKey);
    const sealed = sealForMember(member.publicKey, 'm-1', 'absenceReason', '住院病假');
    expect(sealed).not.toContain('病假');
    expect(new Ajv2020().validate(Ciphertext, sealed)).toBe(true);
    expect(openForMember(member.privateKey, 'm-1', 'absenceReason', sealed)).toBe('住院病假');
    expect(() => openForMember(member.privateKey, 'm-2', 'absenceReason', sealed)).toThrow();
    expect(() => openForMember(member.privateKey, 'm-1', 'name', sealed)).toThrow();
    expect(() =>
      openForMember(memberSealingKeyPair(randomBytes(32)).privateKey, 'm-1', 'absenceReason', sealed),
    ).toThrow();
  });

  it('derives the standard X25519 key pair from the seed (RFC 7748 §6.1), as the PKCS#8 import did', () => {
    const alice = memberSealingKeyPair(
      Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex'),
    );
    expect(Buffer.from(alice.publicKey, 'base64url').toString('hex')).toBe(
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a',
    );
    const bobPublic = createPublicKey({
      key: Buffer.concat([
        Buffer.from('302a300506032b656e032100', 'hex'),
        Buffer.from('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f', 'hex'),
      ]),
      format: 'der',
      type: 'spki',
    });
    expect(diffieHellman({ privateKey: alice.privateKey, publicKey: bobPublic }).toString('hex')).toBe(
      '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742',
    );
    // the same pair as the DER import of the same seed (what sealed the texts written before)
    const seed = randomBytes(32);
    const der = createPrivateKey({
      key: Buffer.concat([Buffer.from('302e020100300506032b656e04220420', 'hex'), seed]),
      format: 'der',
      type: 'pkcs8',
    });
    expect(memberSealingKeyPair(seed).publicKey).toBe(createPublicKey(der).export({ format: 'jwk' }).x);
  });

  it('masks names to at most one clear character on each side, which the MaskedName schema accepts and a name fails', () => {
    expect(['张三明', '欧阳春华', '王芳', '李', ' 赵删除 '].map(maskName)).toEqual([
      '张*明',
      '欧**华',
      '王*',
      '*',
      '赵*除',
    ]);
    const ajv = new Ajv2020();
    expect(['张*明', '欧**华', '王*', '*'].every((m) => ajv.validate(MaskedName, m))).toBe(true);
    expect(['张三明', '王芳', '张*三明'].some((m) => ajv.validate(MaskedName, m))).toBe(false);
  });
});

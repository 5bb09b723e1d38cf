import { randomBytes } from 'node:crypto';
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

import { CONTACT_KEY_INFO } from './contact-sealing';
import { deriveKey } from './derived-key';
import { LINK_KEY_INFO, linkKey } from '../public/link-code';
import { RATER_KEY_INFO, raterKeySecret } from '../public/rater-key';

const MASTER = Buffer.alloc(32, 7);

describe('deriveKey', () => {
  it('derives the keys the service has always derived for links, rater keys and contacts (HKDF-SHA256)', () => {
    // known answers: the keys issued links, rater keys and sealed contacts were made with must not change
    expect(linkKey(MASTER).toString('hex')).toBe('7ee7e944e45cd8691f464911146313a37d8f90c936c26d2403629f96e6953304');
    expect(raterKeySecret(MASTER).toString('hex')).toBe(
      '031da0a1867f4023c147ee865614bb132dd02246c24e68f2a04f0d6fc59c2dd4',
    );
    expect(deriveKey(MASTER, CONTACT_KEY_INFO).toString('hex')).toBe(
      '9497c7643232c840ab9103b25029efb4cc3ba7d58585814699d12e33125be504',
    );
    expect([LINK_KEY_INFO, RATER_KEY_INFO, CONTACT_KEY_INFO]).toEqual([
      'lianjian/projects/links',
      'lianjian/projects/rater-keys',
      'lianjian/projects/contact-keys',
    ]);
  });

  it('refuses a master key that is not 32 bytes', () => {
    expect(() => deriveKey(Buffer.alloc(16), 'x')).toThrow(RangeError);
  });
});

import { screenComment } from './comment-screening';

describe("a rater's comment, screened for personal data before it is stored in clear", () => {
  it('removes ID numbers, phones, e-mail addresses and card numbers, and says what kinds', () => {
    const screened = screenComment(
      '电梯很好！有问题找我 13812345678 或 021-62345678，邮箱 a.b@example.com，身份证 31010119900101123X，卡 6222020202020202020',
    );
    expect(screened.text).toBe(
      '电梯很好！有问题找我 [电话已隐去] 或 [电话已隐去]，邮箱 [邮箱已隐去]，身份证 [身份证号已隐去]，卡 [卡号已隐去]',
    );
    expect([...screened.removed].sort()).toEqual(['CardNumber', 'Email', 'IdNumber', 'Phone']);
  });
  it('reads full-width digits as digits, and leaves other text alone', () => {
    expect(screenComment('电话１３８１２３４５６７８').text).toBe('电话[电话已隐去]');
    expect(screenComment('  共3个楼栋，2026年完成  ')).toEqual({ text: '共3个楼栋，2026年完成', removed: [] });
  });
});

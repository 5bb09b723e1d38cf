import { type Caller } from '@lianjian/auth';
import { MemberRuleViolation } from '@lianjian/members-domain';
import { InMemoryRevealCounter } from '../../testing/in-memory-reveal-counter';
import { RevealQuota } from './reveal-quota';

const request = (subject = 'hp-admin'): Caller => ({
  subject,
  role: 'DISTRICT_ADMIN',
  district: 'huangpu',
  organizationId: null,
  memberId: null,
});

const refusal = async (taking: Promise<void>) =>
  taking.then(
    () => null,
    (error: unknown) =>
      error instanceof MemberRuleViolation ? { code: error.code, field: error.field, message: error.message } : error,
  );

describe('RevealQuota', () => {
  let now = new Date('2026-11-28T10:15:00Z');
  const quota = (counts = new InMemoryRevealCounter()) =>
    new RevealQuota(counts, { perRequest: 3, perHour: 5 }, () => now);

  it('refuses the reveals of one request past its limit, with the code, the field and the limit', async () => {
    const q = quota();
    const one = request();
    for (let i = 0; i < 3; i += 1) expect(await refusal(q.take(one))).toBeNull();
    expect(await refusal(q.take(one))).toEqual({
      code: 'REVEAL_LIMIT_EXCEEDED',
      field: 'reveal',
      message: 'at most 3 full ID numbers or phones may be revealed in one request',
    });
    // the next request of the same caller starts again
    expect(await refusal(q.take(request()))).toBeNull();
  });

  it("refuses a caller's reveals past the hour's limit across requests, until the next hour", async () => {
    now = new Date('2026-11-28T10:15:00Z');
    const counts = new InMemoryRevealCounter();
    const q = quota(counts);
    for (let i = 0; i < 5; i += 1) expect(await refusal(q.take(request()))).toBeNull();
    expect(await refusal(q.take(request()))).toMatchObject({
      code: 'REVEAL_LIMIT_EXCEEDED',
      message:
        'at most 5 full ID numbers or phones may be revealed in an hour; try again after 2026-11-28T11:00:00.000Z',
    });
    // another caller has their own count; the next hour starts again
    expect(await refusal(q.take(request('xh-admin')))).toBeNull();
    now = new Date('2026-11-28T11:00:01Z');
    expect(await refusal(q.take(request()))).toBeNull();
  });
});

import { deploymentClock } from './clock';

describe('the deployment clock', () => {
  afterEach(() => jest.useRealTimers());

  it("is today's date at the deployment's UTC offset", () => {
    jest.useFakeTimers({ now: new Date('2026-11-22T17:30:00Z') });
    expect(deploymentClock(480).today()).toBe('2026-11-23');
    expect(deploymentClock(0).today()).toBe('2026-11-22');
    expect(deploymentClock(-480).today()).toBe('2026-11-22');
  });

  it('answers the fixed day when one is set', () => {
    expect(deploymentClock(480, '2020-02-29').today()).toBe('2020-02-29');
  });
});

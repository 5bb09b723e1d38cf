import { startConsumersInBackground } from './start-consumers';

describe('starting the Kafka consumers in the background', () => {
  it('retries until they start, logging each failure with its attempt', async () => {
    let calls = 0;
    const app = {
      startAllMicroservices: async () => {
        calls += 1;
        if (calls < 3) throw new Error(`broker not reachable (${calls})`);
        return app as never;
      },
    };
    const logged: unknown[][] = [];
    await startConsumersInBackground(app, 'members', {
      logger: { error: (...args: unknown[]) => void logged.push(args) },
      initialDelayMs: 1,
    });
    expect(calls).toBe(3);
    expect(logged.map(([message]) => String(message).replace(/retrying in \d+ ms/, 'retrying'))).toEqual([
      '[members] the Kafka consumers failed to start (attempt 1); retrying',
      '[members] the Kafka consumers failed to start (attempt 2); retrying',
    ]);
    expect(logged.map(([, error]) => (error as Error).message)).toEqual([
      'broker not reachable (1)',
      'broker not reachable (2)',
    ]);
  });
});

import { createOrganizationsApp } from './bootstrap';
import { settingsFromEnv } from './settings';

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const app = await createOrganizationsApp(settings);
  await app.listen(settings.port, process.env['HOST'] ?? '0.0.0.0');
  console.log(`[organizations] subgraph on http://127.0.0.1:${settings.port}/graphql`);
  // The Kafka consumers join their group in the background: after a crash the group waits for the dead member's
  // session to expire, and the API need not wait with it. A consumer that fails to start is retried, with backoff.
  const startConsumers = (attempt: number): void => {
    app.startAllMicroservices().catch((error: unknown) => {
      console.error(`[organizations] the Kafka consumers failed to start (attempt ${attempt}); retrying`, error);
      setTimeout(() => startConsumers(attempt + 1), Math.min(30_000, 1_000 * attempt));
    });
  };
  startConsumers(1);
}

main().catch((error: unknown) => {
  console.error('[organizations] failed to start', error);
  process.exit(1);
});

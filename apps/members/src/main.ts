import { ConfigurationError } from '@lianjian/config';
import { startConsumersInBackground } from '@lianjian/messaging/nest';
import { createMembersApp } from './bootstrap';
import { settingsFromEnv } from './settings';

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const app = await createMembersApp(settings);
  await app.listen(settings.port, settings.host);
  console.log(`[members] subgraph on http://127.0.0.1:${settings.port}/graphql`);
  // The Kafka consumers join their group in the background, retried until they start (the API need not wait).
  void startConsumersInBackground(app, 'members');
}

main().catch((error: unknown) => {
  // a wrong or missing setting: its message names every setting at fault (no stack trace needed)
  console.error(`[members] failed to start:`, error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});

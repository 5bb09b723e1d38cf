import { createMembersApp } from './bootstrap';
import { settingsFromEnv } from './settings';

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const app = await createMembersApp(settings);
  await app.startAllMicroservices();
  await app.listen(settings.port, process.env['HOST'] ?? '0.0.0.0');
  console.log(`[members] subgraph on http://127.0.0.1:${settings.port}/graphql`);
}

main().catch((error: unknown) => {
  console.error('[members] failed to start', error);
  process.exit(1);
});

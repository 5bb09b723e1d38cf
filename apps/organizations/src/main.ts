import { createOrganizationsApp } from './bootstrap';
import { settingsFromEnv } from './settings';

async function main(): Promise<void> {
  const settings = settingsFromEnv();
  const app = await createOrganizationsApp(settings);
  await app.startAllMicroservices();
  await app.listen(settings.port, process.env['HOST'] ?? '0.0.0.0');
  console.log(`[organizations] subgraph on http://127.0.0.1:${settings.port}/graphql`);
}

main().catch((error: unknown) => {
  console.error('[organizations] failed to start', error);
  process.exit(1);
});

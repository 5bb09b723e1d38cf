import { startGateway } from './gateway';
import { gatewaySettingsFromEnv } from './settings';

async function main(): Promise<void> {
  const settings = gatewaySettingsFromEnv();
  const { close } = await startGateway(settings);
  console.log(`[gateway] http://127.0.0.1:${settings.port}/graphql (GraphiQL in a browser)`);
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error('[gateway] failed to start', error);
  process.exit(1);
});

import { pino } from 'pino';
import { ConfigurationError } from '@lianjian/config';
import { gatewayLogger, startGateway } from './gateway';
import { gatewaySettingsFromEnv } from './settings';

async function main(): Promise<void> {
  const settings = gatewaySettingsFromEnv();
  const log = gatewayLogger(settings);
  const { close } = await startGateway(settings, log);
  log.info(`http://127.0.0.1:${settings.port}/graphql (GraphiQL in a browser)`);
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  const log = pino({ base: { service: 'gateway' } });
  if (error instanceof ConfigurationError)
    log.fatal({ problems: error.problems }, 'failed to start: invalid configuration');
  else log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});

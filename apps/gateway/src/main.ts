import { pino } from 'pino';
import { ConfigurationError } from '@lianjian/config';
import { startRouter } from './router';
import { gatewaySettingsFromEnv } from './settings';

/**
 * The gateway: Hive Router (docs/adr/0019) started with this deployment's settings. This process writes the router's
 * configuration, supergraph and keys, starts it, passes SIGTERM and SIGINT on, and exits with it.
 */
async function main(): Promise<void> {
  const log = pino({ base: { service: 'gateway' } });
  const settings = gatewaySettingsFromEnv();
  const router = await startRouter(settings);
  log.info(
    { mode: settings.mode },
    `http://127.0.0.1:${settings.port}/graphql` +
      (settings.mode === 'development'
        ? ' (GraphiQL in a browser; any operation runs)'
        : ' (persisted operations only)'),
  );
  let stopping = false;
  const stop = () => {
    stopping = true;
    void router.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  router.process.once('exit', (code, signal) => {
    if (stopping) return;
    log.fatal({ code, signal }, 'the router stopped');
    process.exit(code ?? 1);
  });
}

main().catch((error: unknown) => {
  const log = pino({ base: { service: 'gateway' } });
  if (error instanceof ConfigurationError)
    log.fatal({ problems: error.problems }, 'failed to start: invalid configuration');
  else log.fatal({ err: error }, 'failed to start');
  process.exit(1);
});

// npm run supergraph:compose — regenerates each subgraph's SDL from its code (booting it schema-only against the
// local infrastructure) and composes the supergraph the gateway serves. Both files are committed; tests fail when
// either is stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../apps/gateway/src/compose';
import { createOrganizationsApp } from '../apps/organizations/src/bootstrap';
import { loadRules } from '../apps/organizations/src/settings';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const env = execFileSync('bash', [path.join(root, 'tools/infra/infra.sh'), 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(env)?.[1] ?? '';
  const schemaFile = path.join(root, 'apps/organizations/schema.graphql');
  const app = await createOrganizationsApp({
    port: 0, mongodbUri: value('MONGODB_URI'), database: 'lianjian_schema', kafkaBrokers: [value('KAFKA_BROKERS')], topicPrefix: 'schema.',
    gatewaySecret: 'unused', rules: loadRules(undefined), schemaFile, backgroundWorkers: false, replicationFactor: 1, utcOffsetMinutes: 480, fixedToday: null,
  });
  await app.init();
  await app.close();
  const supergraph = composeSupergraph({ organizations: readFileSync(schemaFile, 'utf8') });
  writeFileSync(path.join(root, 'apps/gateway/supergraph.graphql'), supergraph);
  console.log('wrote apps/organizations/schema.graphql and apps/gateway/supergraph.graphql');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

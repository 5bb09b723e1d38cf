// npm run supergraph:compose — regenerates each subgraph's SDL from its code (booting it schema-only against the
// local infrastructure, one process per subgraph: Nest's type registry is process-wide) and composes the
// supergraph the gateway serves. All files are committed; tests fail when any is stale.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeSupergraph } from '../apps/gateway/src/compose';

const root = path.resolve(__dirname, '..');
const schemaFile = (subgraph: string) => path.join(root, `apps/${subgraph}/schema.graphql`);
const SUBGRAPHS = ['organizations', 'members', 'projects'] as const;

async function writeSchema(subgraph: string, env: Record<string, string>): Promise<void> {
  const common = {
    port: 0,
    host: '127.0.0.1',
    mongodbUri: env['MONGODB_URI']!,
    kafkaBrokers: [env['KAFKA_BROKERS']!],
    topicPrefix: 'schema.',
    gatewaySecret: 'unused',
    backgroundWorkers: false,
    replicationFactor: 1,
    utcOffsetMinutes: 480,
    fixedToday: null,
    logLevel: 'warn' as const,
    schemaFile: schemaFile(subgraph),
  };
  if (subgraph === 'organizations') {
    const { createOrganizationsApp } = await import('../apps/organizations/src/bootstrap');
    const { loadRules } = await import('../apps/organizations/src/settings');
    const app = await createOrganizationsApp({ ...common, database: 'lianjian_schema', rules: loadRules(undefined) });
    await app.init();
    await app.close();
  } else if (subgraph === 'projects') {
    const { createProjectsApp } = await import('../apps/projects/src/bootstrap');
    const { settingsFromEnv } = await import('../apps/projects/src/settings');
    // its own settings as its environment gives them (a throwaway master key), the common ones above over them
    const own = settingsFromEnv({
      MONGODB_URI: common.mongodbUri,
      KAFKA_BROKERS: env['KAFKA_BROKERS']!,
      GATEWAY_SUBGRAPH_SECRET: common.gatewaySecret,
      PROJECTS_MASTER_KEY: randomBytes(32).toString('base64'),
    });
    const app = await createProjectsApp({ ...own, ...common, database: 'lianjian_schema_projects' });
    await app.init();
    await app.close();
  } else {
    const { createMembersApp } = await import('../apps/members/src/bootstrap');
    const { loadMemberRules } = await import('../apps/members/src/settings');
    const { DEFAULT_LETTER_FONT } = await import('../apps/members/src/infrastructure/transfer-letter/letter-font');
    const app = await createMembersApp({
      ...common,
      database: 'lianjian_schema_members',
      rules: loadMemberRules(undefined),
      masterKey: randomBytes(32),
      bodyLimit: '1mb',
      revealLimits: { perRequest: 20, perHour: 200 },
      letterFont: DEFAULT_LETTER_FONT,
    });
    await app.init();
    await app.close();
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  if (only) return writeSchema(only, process.env as Record<string, string>);
  // Throwaway databases: the tests' servers (.infra/test, in memory), not the local run's.
  const testInfra = {
    ...process.env,
    LIANJIAN_INFRA_DIR: path.join(root, '.infra/test'),
    LIANJIAN_DB_BACKEND: process.env['LIANJIAN_DB_BACKEND'] || 'compact',
  };
  const infra = execFileSync('bash', [path.join(root, 'tools/infra/infra.sh'), 'up'], {
    env: testInfra,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const env = {
    ...process.env,
    ...Object.fromEntries(
      infra
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    ),
  };
  for (const subgraph of SUBGRAPHS) {
    execFileSync(process.execPath, ['-r', path.join(root, 'tools/testing/register-ts.js'), __filename, subgraph], {
      env,
      stdio: 'inherit',
    });
  }
  const supergraph = composeSupergraph(
    Object.fromEntries(SUBGRAPHS.map((s) => [s, readFileSync(schemaFile(s), 'utf8')])),
  );
  writeFileSync(path.join(root, 'apps/gateway/supergraph.graphql'), supergraph);
  console.log(
    `wrote ${SUBGRAPHS.map((s) => `apps/${s}/schema.graphql`).join(', ')} and apps/gateway/supergraph.graphql`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

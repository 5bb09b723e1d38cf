// Starts (or reuses) the real Kafka and the MongoDB-compatible database (mongo-java-server) before integration and
// end-to-end tests, through the same script the local run uses, but as the tests' own servers: state in
// .infra/test and the database in memory (the compact backend; LIANJIAN_DB_BACKEND=memory or h2 for the others), apart from the local
// run's .infra/local. With KAFKA_BROKERS and MONGODB_URI already set, those servers are used instead.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '../../../..');

module.exports = async function globalSetup() {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) return;
  const env = {
    ...process.env,
    LIANJIAN_INFRA_DIR: path.join(root, '.infra/test'),
    LIANJIAN_DB_BACKEND: process.env.LIANJIAN_DB_BACKEND || 'compact',
    // headroom: every suite's services keep their databases until the run ends (a restart test reopens one)
    LIANJIAN_DB_HEAP: process.env.LIANJIAN_DB_HEAP || '4g',
  };
  const script = path.join(root, 'tools/infra/infra.sh');
  const out = execFileSync('bash', [script, 'up'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of out.split('\n')) {
    const match = /^(KAFKA_BROKERS|MONGODB_URI)=(.+)$/.exec(line.trim());
    if (match) process.env[match[1]] = match[2];
  }
  if (!process.env.KAFKA_BROKERS || !process.env.MONGODB_URI) throw new Error(`infra.sh printed no servers:\n${out}`);
};

// Starts (or reuses) the real Kafka and FerretDB before integration and end-to-end tests, through the same
// script the local run uses. With KAFKA_BROKERS and MONGODB_URI already set, those servers are used instead.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalSetup() {
  if (process.env.KAFKA_BROKERS && process.env.MONGODB_URI) return;
  const script = path.join(__dirname, '../../../../tools/infra/infra.sh');
  const out = execFileSync('bash', [script, 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of out.split('\n')) {
    const match = /^(KAFKA_BROKERS|MONGODB_URI)=(.+)$/.exec(line.trim());
    if (match) process.env[match[1]] = match[2];
  }
  if (!process.env.KAFKA_BROKERS || !process.env.MONGODB_URI) throw new Error(`infra.sh printed no servers:\n${out}`);
};

// Servers are left running between test runs on a developer machine (the next run reuses them in a second);
// on CI, or with LIANJIAN_STOP_INFRA=1, what the setup started (the tests' servers, state in .infra/test) is stopped.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '../../../..');

module.exports = async function globalTeardown() {
  if (process.env.CI !== 'true' && process.env.LIANJIAN_STOP_INFRA !== '1') return;
  if (process.env.LIANJIAN_KEEP_INFRA === '1') return;
  const env = { ...process.env, LIANJIAN_INFRA_DIR: path.join(root, '.infra/test') };
  execFileSync('bash', [path.join(root, 'tools/infra/infra.sh'), 'down'], { env, stdio: 'inherit' });
};

// Servers are left running between test runs on a developer machine (the next run reuses them in a second);
// on CI, or with LIANJIAN_STOP_INFRA=1, what the setup started is stopped.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async function globalTeardown() {
  if (process.env.CI !== 'true' && process.env.LIANJIAN_STOP_INFRA !== '1') return;
  if (process.env.LIANJIAN_KEEP_INFRA === '1') return;
  execFileSync('bash', [path.join(__dirname, '../../../../tools/infra/infra.sh'), 'down'], { stdio: 'inherit' });
};

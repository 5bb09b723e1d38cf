// Prints a development user token: npm run -s dev-token -- [ROLE] [district|organizationId]
// Signed with JWT_SECRET, else with the local run's secret (.infra/jwt.secret, written by `npm start`).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Caller, ROLES, type Role, signUserToken } from '../libs/shared/auth/src';

async function main(): Promise<void> {
  const [roleArg = 'CITY_ADMIN', scope = null] = process.argv.slice(2);
  if (!(ROLES as readonly string[]).includes(roleArg)) throw new Error(`role must be one of ${ROLES.join(', ')}`);
  const role = roleArg as Role;
  const localSecret = path.resolve(__dirname, '../..', '.infra/jwt.secret');
  const secret =
    process.env['JWT_SECRET'] ?? (existsSync(localSecret) ? readFileSync(localSecret, 'utf8').trim() : undefined);
  if (!secret) throw new Error('set JWT_SECRET, or run `npm start` once (it keeps its secret in .infra/jwt.secret)');
  const caller: Caller = {
    subject: `dev-${role.toLowerCase()}`,
    role,
    district: role === 'DISTRICT_ADMIN' || role === 'ANALYTICS_READER' ? scope : null,
    organizationId: role === 'ORGANIZATION_ADMIN' || role === 'MEMBER' ? scope : null,
    memberId: role === 'MEMBER' ? 'dev-member' : null,
  };
  const token = await signUserToken(
    caller,
    {
      issuer: process.env['JWT_ISSUER'] ?? 'lianjian',
      audience: process.env['JWT_AUDIENCE'] ?? 'lianjian-api',
      secret,
    },
    '24h', // the gateway refuses tokens that live longer than JWT_MAX_LIFETIME_SECONDS (default a day)
  );
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(String(error));
  process.exit(1);
});

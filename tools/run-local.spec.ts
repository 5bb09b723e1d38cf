import { readFileSync } from 'node:fs';
import path from 'node:path';

// What `npm start` (tools/run-local.sh) prints once the platform runs: URLs, where the logs are, tokens to use, how to
// get more — never a secret. Anyone who can read the terminal (or its scrollback, or a shared screen) could otherwise
// sign a city admin's token or call the subgraphs as the gateway.

const script = readFileSync(path.join(__dirname, 'run-local.sh'), 'utf8');
const printed = /cat <<MSG\n([\s\S]*?)\nMSG\n/.exec(script)?.[1] ?? '';

describe('what npm start prints', () => {
  it('shows the gateway and development tokens', () => {
    expect(printed).toContain('http://127.0.0.1:$gateway_port/graphql');
    expect(printed).toMatch(/city admin: +\$token/);
    expect(printed).toContain('npm run -s dev-token');
  });

  it('prints no secret, nor the files that hold them', () => {
    for (const secret of ['JWT_SECRET', 'GATEWAY_SUBGRAPH_SECRET', 'MEMBERS_MASTER_KEY', 'jwt.secret', 'master.key']) {
      expect({ secret, printed: printed.includes(secret) }).toEqual({ secret, printed: false });
    }
  });
});

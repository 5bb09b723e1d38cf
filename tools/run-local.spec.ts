import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SUBGRAPH_URLS } from '../apps/gateway/src/compose';

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

  it('shows the projects service’s public endpoint (residents: no token)', () => {
    expect(printed).toContain('http://127.0.0.1:$projects_port/public/graphql');
  });

  it('prints no secret, nor the files that hold them', () => {
    for (const secret of [
      'JWT_SECRET',
      'GATEWAY_SUBGRAPH_SECRET',
      'MEMBERS_MASTER_KEY',
      'PROJECTS_MASTER_KEY',
      'jwt.secret',
      'master.key',
    ]) {
      expect({ secret, printed: printed.includes(secret) }).toEqual({ secret, printed: false });
    }
  });
});

describe('what npm start runs', () => {
  const gatewayStart = script.indexOf('node dist/apps/gateway/src/main.js');

  it('starts every subgraph of the supergraph, healthy, before the gateway, which it points at them', () => {
    expect(gatewayStart).toBeGreaterThan(0);
    for (const subgraph of Object.keys(DEFAULT_SUBGRAPH_URLS)) {
      const started = script.indexOf(`node dist/apps/${subgraph}/src/main.js >.infra/logs/${subgraph}.log 2>&1 &`);
      const healthy = script.indexOf(`wait_http "http://127.0.0.1:$${subgraph}_port/health" 60 ${subgraph}`);
      expect({ subgraph, started: started > 0, healthy: healthy > started }).toEqual({
        subgraph,
        started: true,
        healthy: true,
      });
      expect({ subgraph, beforeGateway: healthy < gatewayStart }).toEqual({ subgraph, beforeGateway: true });
      expect(script).toMatch(new RegExp(`^${subgraph}_port="\\$\\(free_port "\\$\\{[A-Z]+_PORT:-\\d+\\}"\\)"$`, 'm'));
      expect(script).toContain(
        `SUBGRAPH_URL_${subgraph.toUpperCase()}="http://127.0.0.1:$${subgraph}_port/graphql" \\`,
      );
      expect(printed).toContain(`http://127.0.0.1:$${subgraph}_port/graphql`);
    }
  });

  it('starts the projects service on 4003 unless taken, after members, with its master key kept apart from git', () => {
    expect(script).toContain('projects_port="$(free_port "${PROJECTS_PORT:-4003}")"');
    expect(script.indexOf('node dist/apps/projects/src/main.js')).toBeGreaterThan(
      script.indexOf('wait_http "http://127.0.0.1:$members_port/health"'),
    );
    // generated once per machine under .infra/ (ignored by git, mode 0600), unless given in the environment
    expect(script).toContain('if [ -z "${PROJECTS_MASTER_KEY:-}" ] && [ -z "${PROJECTS_MASTER_KEY_FILE:-}" ]; then');
    expect(script).toContain('export PROJECTS_MASTER_KEY_FILE="$PWD/.infra/projects-master.key"');
  });
});

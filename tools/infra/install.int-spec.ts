import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The first run's install (`infra.sh install`, which `npm start` and `npm test` run through `up`) prints its own
// `[infra]` lines and nothing else: Maven fetched the jars quietly but wrote stray ANSI resets (ESC[0m) to the
// terminal. Runs with a cache of its own (LIANJIAN_CACHE), never the shared ~/.cache/lianjian; Maven's own
// repository (~/.m2) is shared, as on a developer's machine.

const infra = path.resolve(__dirname, 'infra.sh');

describe('infra.sh install on a fresh cache', () => {
  const cache = mkdtempSync(path.join(tmpdir(), 'lj-install-cache-'));
  afterAll(() => rmSync(cache, { recursive: true, force: true }));

  it('fetches and builds everything, printing only its own lines: no escape codes', () => {
    const result = spawnSync('bash', [infra, 'install'], {
      env: { ...process.env, LIANJIAN_CACHE: cache },
      encoding: 'utf8',
      timeout: 300_000,
    });
    const output = result.stdout + result.stderr;
    expect({ status: result.status, output }).toEqual({ status: 0, output: expect.any(String) });
    expect(output).not.toMatch(/\x1b/);
    expect(output.trim().split('\n')).toEqual([
      '[infra] fetching Apache Kafka 3.9.1 jars from Maven Central (first run only)',
      '[infra] fetching mongo-java-server 1.47.0 jars from Maven Central (first run only)',
      '[infra] compiling the database launcher (tools/infra/mongo-java-server/*.java)',
    ]);
    expect(existsSync(path.join(cache, 'kafka-3.9.1/libs/.complete'))).toBe(true);
    expect(existsSync(path.join(cache, 'mongo-java-server-1.47.0/classes/.complete'))).toBe(true);
  });
});

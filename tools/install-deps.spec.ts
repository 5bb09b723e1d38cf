import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// tools/install-deps.sh (the first `npm start` / `npm test` on a fresh machine) prints one line, not npm's refusal of
// the lock file: npm's output goes to a log whose path is printed only when the install fails. Run on a copy of the
// script with a stand-in `npm` first on the PATH, which prints what npm printed on a registry mirror without other
// platforms' binaries (80 lines of `npm error`) and fails or succeeds as each case asks.

const script = path.join(__dirname, 'install-deps.sh');

function run(npm: { ci: number; install: number }): {
  status: number | null;
  output: string;
  log: string;
  calls: string[];
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'lj-install-deps-'));
  try {
    mkdirSync(path.join(dir, 'tools'));
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(script, path.join(dir, 'tools/install-deps.sh'));
    const fake = path.join(dir, 'bin/npm');
    writeFileSync(
      fake,
      [
        '#!/usr/bin/env bash',
        `echo "$1" >> "${path.join(dir, 'calls')}"`,
        'for i in $(seq 1 80); do echo "npm error missing: @swc/core-darwin-arm64@1.16.22, line $i" >&2; done',
        `case "$1" in ci) exit ${npm.ci} ;; install) exit ${npm.install} ;; esac`,
        'exit 3',
      ].join('\n'),
    );
    chmodSync(fake, 0o755);
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.join(dir, 'bin')}:${process.env['PATH']}` };
    delete env['LIANJIAN_INSTALL_LOG'];
    const result = spawnSync('bash', [path.join(dir, 'tools/install-deps.sh')], { env, encoding: 'utf8' });
    return {
      status: result.status,
      output: result.stdout + result.stderr,
      log: readFileSync(path.join(dir, '.infra/logs/npm-install.log'), 'utf8'),
      calls: readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tools/install-deps.sh', () => {
  it('says in one line what it does when npm ci refuses the lock file and npm install succeeds; npm’s output is logged', () => {
    const { status, output, log, calls } = run({ ci: 1, install: 0 });
    expect(status).toBe(0);
    expect(calls).toEqual(['ci', 'install']);
    expect(output.trim().split('\n')).toEqual([
      '[install] installing the npm packages locked in package-lock.json (first run, or after the lock file changed)',
    ]);
    expect(output).not.toContain('npm error');
    expect(log.match(/npm error/g)).toHaveLength(160);
  });

  it('prints only its line when npm ci succeeds', () => {
    const { status, output, calls } = run({ ci: 0, install: 0 });
    expect(status).toBe(0);
    expect(calls).toEqual(['ci']);
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it('fails with the log’s path and its last lines when npm install fails too', () => {
    const { status, output } = run({ ci: 1, install: 1 });
    expect(status).toBe(1);
    expect(output).toContain(
      '[install] error: npm could not install the dependencies; its output is in .infra/logs/npm-install.log',
    );
    // the end of the log, not all of it
    expect(output.match(/npm error/g)).toHaveLength(20);
    expect(output).toContain('line 80');
  });
});

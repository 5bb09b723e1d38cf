import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// tools/install-system-packages.sh (run by `npm test` and `npm start`) installs the letter's Chinese font and
// poppler-utils with apt-get when missing, quietly: one line, apt-get's output in a log shown only on failure.
// Run on a copy of the script with stand-ins first on the PATH: `apt-get` (records its calls, prints 40 lines,
// fails as each case asks, "installs" the font by creating it), `id` (root) and poppler's tools.

const script = path.join(__dirname, 'install-system-packages.sh');

function run(options: { font: boolean; aptGet: { install: number[]; update: number } }): {
  status: number | null;
  output: string;
  log: string;
  calls: string[];
} {
  const dir = mkdtempSync(path.join(tmpdir(), 'lj-install-system-'));
  try {
    mkdirSync(path.join(dir, 'tools'));
    mkdirSync(path.join(dir, 'bin'));
    copyFileSync(script, path.join(dir, 'tools/install-system-packages.sh'));
    const font = path.join(dir, 'fonts/wqy-microhei.ttc');
    if (options.font) {
      mkdirSync(path.dirname(font));
      writeFileSync(font, 'font');
    }
    const calls = path.join(dir, 'calls');
    const stub = (name: string, body: string[]): void => {
      writeFileSync(path.join(dir, 'bin', name), ['#!/usr/bin/env bash', ...body].join('\n'));
      chmodSync(path.join(dir, 'bin', name), 0o755);
    };
    for (const tool of ['pdftoppm', 'pdftotext', 'pdffonts']) stub(tool, ['exit 0']);
    stub('id', ['echo 0']);
    writeFileSync(path.join(dir, 'install-results'), options.aptGet.install.join('\n'));
    stub('apt-get', [
      `echo "$*" >> "${calls}"`,
      'for i in $(seq 1 40); do echo "apt-get: line $i of $1"; done',
      `if [ "$1" = update ]; then exit ${options.aptGet.update}; fi`,
      `status="$(head -n 1 "${dir}/install-results")"; sed -i 1d "${dir}/install-results"`,
      `if [ "$status" = 0 ]; then mkdir -p "${path.dirname(font)}"; echo font > "${font}"; fi`,
      'exit "$status"',
    ]);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${path.join(dir, 'bin')}:${process.env['PATH']}`,
      LIANJIAN_CJK_FONT: font,
    };
    delete env['LIANJIAN_APT_LOG'];
    const result = spawnSync('bash', [path.join(dir, 'tools/install-system-packages.sh')], { env, encoding: 'utf8' });
    const log = path.join(dir, '.infra/logs/apt-install.log');
    return {
      status: result.status,
      output: result.stdout + result.stderr,
      log: existsSync(log) ? readFileSync(log, 'utf8') : '',
      calls: existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : [],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const INSTALL = 'install -y -q --no-install-recommends fonts-wqy-microhei';

describe('tools/install-system-packages.sh', () => {
  it('does nothing and says nothing when the font and poppler’s tools are there', () => {
    const { status, output, calls } = run({ font: true, aptGet: { install: [], update: 0 } });
    expect({ status, output, calls }).toEqual({ status: 0, output: '', calls: [] });
  });

  it('installs a missing font in one line of output, apt-get’s own output in the log', () => {
    const { status, output, log, calls } = run({ font: false, aptGet: { install: [0], update: 0 } });
    expect(status).toBe(0);
    expect(calls).toEqual([INSTALL]);
    expect(output.trim().split('\n')).toEqual([
      "[install] installing fonts-wqy-microhei with apt-get (the transfer letter's Chinese font and PDF tools; log: .infra/logs/apt-install.log)",
    ]);
    expect(log.match(/apt-get: line/g)).toHaveLength(40);
  });

  it('updates the package lists of a new machine and tries again when the first install fails', () => {
    const { status, output, calls } = run({ font: false, aptGet: { install: [100, 0], update: 0 } });
    expect(status).toBe(0);
    expect(calls).toEqual([INSTALL, 'update -q', INSTALL]);
    expect(output.trim().split('\n')).toHaveLength(1);
  });

  it('fails with the log’s path, its last lines and the command to run by hand when apt-get cannot install', () => {
    const { status, output } = run({ font: false, aptGet: { install: [100, 100], update: 0 } });
    expect(status).toBe(1);
    expect(output).toContain(
      '[install] error: apt-get could not install fonts-wqy-microhei; its output is in .infra/logs/apt-install.log, ending:',
    );
    expect(output.match(/apt-get: line/g)).toHaveLength(15);
    expect(output).toContain('line 40 of install');
    expect(output).toContain('install them yourself: sudo apt-get install -y fonts-wqy-microhei');
  });
});

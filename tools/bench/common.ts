import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');
/** Same entry whether running from source (register-ts) or from dist/. */
export const repoRoot = __dirname.includes(`${path.sep}dist${path.sep}`) ? path.resolve(__dirname, '../../..') : root;

export function infraEnv(): { KAFKA_BROKERS: string; MONGODB_URI: string } {
  if (process.env['KAFKA_BROKERS'] && process.env['MONGODB_URI']) {
    return { KAFKA_BROKERS: process.env['KAFKA_BROKERS'], MONGODB_URI: process.env['MONGODB_URI'] };
  }
  const out = execFileSync('bash', [path.join(repoRoot, 'tools/infra/infra.sh'), 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (name: string) => new RegExp(`^${name}=(.+)$`, 'm').exec(out)?.[1] ?? '';
  return { KAFKA_BROKERS: value('KAFKA_BROKERS'), MONGODB_URI: value('MONGODB_URI') };
}

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

export function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** Starts a built service (dist/) and waits until `ready` answers. */
export async function startService(entry: string, env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(repoRoot, entry)], { env: { ...process.env, ...env }, stdio: ['ignore', process.env['BENCH_VERBOSE'] ? 'inherit' : 'ignore', 'inherit'] });
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      if ((await fetch(ready)).status < 500) return child; // Apollo Server 5 has no health route: any answer will do
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${entry} did not start`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A child process's peak resident set (VmHWM) in MiB, from /proc (Linux); null where there is none. */
export function peakRssMiB(child: ChildProcess): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    return kb ? Math.round(Number(kb) / 1024) : null;
  } catch {
    return null;
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { type WriteStream, createWriteStream } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from './servers';

const root = path.resolve(__dirname, '../../../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A service of the platform in its own process, run from its TypeScript source (SWC on the fly). */
export class ServiceProcess {
  /** The query logs of every service process this test file started, by the database it used. */
  static readonly queryLogs: Array<{ readonly database: string; readonly file: string }> = [];
  /** Everything every service process this test file started wrote (stdout and stderr, in full), by entry. */
  static readonly serviceLogs: Array<{ readonly entry: string; readonly file: string }> = [];

  readonly output: string[] = [];
  private exited = false;

  /** `queryLog`: the shapes of the filters this process sent to the database (see unservedQueries). */
  private constructor(
    readonly child: ChildProcess,
    readonly queryLog: string,
    /** The file holding all the process's output (`scanLogsFor` reads it). */
    readonly log: WriteStream,
  ) {
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      this.output.push(chunk.toString());
      if (this.output.length > 200) this.output.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', () => {
      this.exited = true;
      log.end();
    });
  }

  /** Starts `entry` (relative to the repository) and waits until `readyUrl` answers 200. */
  static async start(
    entry: string,
    env: Record<string, string>,
    readyUrl: string,
    timeoutMs = 90_000,
  ): Promise<ServiceProcess> {
    const queryLog = path.join(tmpdir(), `lianjian-queries-${randomBytes(6).toString('hex')}.jsonl`);
    const child = spawn(
      process.execPath,
      ['-r', path.join(root, 'tools/testing/register-ts.js'), path.join(root, entry)],
      {
        cwd: root,
        env: { ...process.env, LIANJIAN_QUERY_LOG: queryLog, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const logFile = path.join(tmpdir(), `lianjian-service-${randomBytes(6).toString('hex')}.log`);
    const service = new ServiceProcess(child, queryLog, createWriteStream(logFile));
    ServiceProcess.queryLogs.push({ database: env['MONGODB_DATABASE'] ?? '', file: queryLog });
    ServiceProcess.serviceLogs.push({ entry, file: logFile });
    try {
      await eventually(
        async () => {
          if (service.exited) throw new Error(`${entry} exited:\n${service.output.join('')}`);
          const response = await fetch(readyUrl);
          if (!response.ok) throw new Error(`${readyUrl}: ${response.status}`);
        },
        timeoutMs,
        200,
      );
    } catch (error) {
      await service.stop();
      throw new Error(`${entry} did not become ready: ${String(error)}\n${service.output.join('')}`);
    }
    return service;
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const done = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { routerConfig, userTokenJwks } from './router-config';
import { type GatewaySettings, loadSupergraph } from './settings';

/** Where `tools/router/hive-router.sh install` puts the router (built once from crates.io, then cached). */
export function routerBinary(env: NodeJS.ProcessEnv = process.env): string {
  if (env['HIVE_ROUTER_BIN']) return env['HIVE_ROUTER_BIN'];
  const cache = env['LIANJIAN_CACHE'] ?? path.join(os.homedir(), '.cache/lianjian');
  return path.join(cache, 'hive-router/bin/hive_router');
}

export interface RunningRouter {
  readonly process: ChildProcess;
  /** Stops the router and removes its runtime files (configuration, supergraph, keys). */
  stop(): Promise<void>;
}

/**
 * Starts Hive Router with the gateway's settings: its configuration, the supergraph with this deployment's subgraph
 * URLs and the user-token keys are written to a private folder (mode 0700) for the router's lifetime; the subgraph
 * secret reaches it only through its environment. Resolves once `/readiness` answers 200.
 */
export async function startRouter(
  settings: GatewaySettings,
  options: { binary?: string; stdio?: 'inherit' | 'ignore'; readyWithinMs?: number } = {},
): Promise<RunningRouter> {
  const binary = options.binary ?? routerBinary();
  if (!existsSync(binary)) throw new Error(`${binary} not found: run bash tools/router/hive-router.sh install`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianjian-router-'));
  const supergraph = path.join(dir, 'supergraph.graphql');
  writeFileSync(supergraph, loadSupergraph(settings), { mode: 0o600 });
  const keys = userTokenJwks(settings);
  const jwks = keys ? path.join(dir, 'jwks.json') : null;
  if (jwks) writeFileSync(jwks, JSON.stringify(keys), { mode: 0o600 });
  const config = path.join(dir, 'router.config.json');
  writeFileSync(config, JSON.stringify(routerConfig(settings, { supergraph, jwks }), null, 2), { mode: 0o600 });
  const child = spawn(binary, [], {
    env: {
      PATH: process.env['PATH'] ?? '',
      ROUTER_CONFIG_FILE_PATH: config,
      GATEWAY_SUBGRAPH_SECRET: settings.subgraphSecret,
    },
    stdio: ['ignore', options.stdio ?? 'inherit', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // the router never outlives the process that started it
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    process.off('exit', orphanGuard);
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = `http://127.0.0.1:${settings.port}/readiness`;
  const deadline = Date.now() + (options.readyWithinMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`hive-router exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    }
    try {
      if ((await fetch(ready)).status === 200) return { process: child, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`hive-router was not ready within ${options.readyWithinMs ?? 30_000} ms`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { DEFAULT_SUBGRAPH_URLS } from '../../apps/gateway/src/compose';
import { gatewaySettingsFromEnv } from '../../apps/gateway/src/settings';
import { settingsFromEnv as membersSettingsFromEnv } from '../../apps/members/src/settings';
import { settingsFromEnv as organizationsSettingsFromEnv } from '../../apps/organizations/src/settings';
import { settingsFromEnv as projectsSettingsFromEnv } from '../../apps/projects/src/settings';
import { containersOf, type KubernetesObject, renderKustomization } from './kustomize';

// docker-compose.yml and deploy/k8s have never run here (no Docker engine, no cluster): this test validates them
// offline, against the Compose Specification's JSON Schema (vendored: tools/deploy/vendor/README.md) and the
// Kubernetes API's schemas (kubernetes-models, run by tools/deploy/validate-kubernetes.mjs), on the kustomization
// rendered as kustomize would (tools/deploy/kustomize.ts), and checks that both wire what the code reads: every
// service, its port, the secrets, and an environment each service's own settings function accepts.

const root = path.resolve(__dirname, '../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');

type Env = Record<string, string>;

/** The services: every app with a main (apps/<name>/src/main.ts), and the function that reads its settings. */
const SETTINGS: Record<string, (env: NodeJS.ProcessEnv) => unknown> = {
  organizations: organizationsSettingsFromEnv,
  members: membersSettingsFromEnv,
  projects: projectsSettingsFromEnv,
  gateway: gatewaySettingsFromEnv,
};
const APPS = readdirSync(path.join(root, 'apps')).filter((app) =>
  existsSync(path.join(root, 'apps', app, 'src/main.ts')),
);

/** Environment variables a deployment sets for the image itself rather than for the code's settings. */
const IMAGE_ENV: Record<string, RegExp> = {
  // the one image's entry point: CMD node dist/apps/${SERVICE}/src/main.js
  SERVICE: /dist\/apps\/\$\{SERVICE\}\/src\/main\.js/,
};

/** The settings function's reads, recorded on a proxy of the environment: the variables the code reads. */
function settingsReads(app: string, env: Env): { names: Set<string>; error: string | null } {
  const names = new Set<string>();
  const proxy = new Proxy(env, {
    get(target, key) {
      if (typeof key === 'string') names.add(key);
      return typeof key === 'string' ? target[key] : undefined;
    },
    has(target, key) {
      if (typeof key === 'string') names.add(key);
      return key in target;
    },
  });
  try {
    SETTINGS[app]!(proxy);
    return { names, error: null };
  } catch (error) {
    return { names, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Names read directly (`env['X']`, `process.env.X`) in an app's or the libraries' source, tests aside. */
function sourceReads(dirs: string[]): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (/\.ts$/.test(entry.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(entry.name))
        for (const m of readFileSync(file, 'utf8').matchAll(
          /env(?:\[['"]([A-Z][A-Z0-9_]*)['"]\]|\.([A-Z][A-Z0-9_]*))/g,
        ))
          names.add(m[1] ?? m[2]!);
    }
  };
  for (const dir of dirs) walk(path.join(root, dir));
  return names;
}
const LIBRARY_READS = sourceReads(
  readdirSync(path.join(root, 'libs'))
    .flatMap((scope) => readdirSync(path.join(root, 'libs', scope)).map((lib) => `libs/${scope}/${lib}/src`))
    .filter((dir) => dir !== 'libs/shared/testing/src' && existsSync(path.join(root, dir))),
);

/** A value a secret or an unset variable would hold, shaped as the setting it feeds must be. */
function stand_in(name: string): string {
  if (name === 'MONGODB_URI') return 'mongodb://db.example:27017/?replicaSet=rs0&w=majority';
  if (/^[A-Z]+_MASTER_KEY$/.test(name)) return Buffer.alloc(32, 7).toString('base64');
  if (name === 'JWT_JWKS_URL') return 'https://idp.example/.well-known/jwks.json';
  if (name === 'KAFKA_BROKERS') return 'kafka.example:9092';
  return 'stand-in-secret-0123456789abcdef0123456789abcdef';
}

// ---------------------------------------------------------------------------------------------------------------
// docker-compose.yml

interface ComposeService {
  image?: string;
  build?: { context?: string; args?: Record<string, string> };
  environment?: Record<string, string | number | boolean | null> | string[];
  ports?: (string | number | { target: number; published?: string | number })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[] };
}

const composeText = read('docker-compose.yml');
const composeDocument = parseDocument(composeText, { uniqueKeys: true, prettyErrors: true });
const compose = composeDocument.toJS() as { services: Record<string, ComposeService> };

/** Compose's interpolation (`$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`). */
const INTERPOLATION = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;
function interpolate(value: string, lookup: (variable: string) => string | undefined): string {
  return value.replace(INTERPOLATION, (whole, braced: string, op: string | undefined, arg: string, bare: string) => {
    if (whole === '$$') return '$';
    const set = lookup(braced ?? bare);
    if (op === ':-') return set ? set : arg;
    if (op === '-') return set ?? arg;
    if (op === ':?' || op === '?') {
      if (set === undefined || (op === ':?' && set === ''))
        throw new Error(`required variable ${braced} unset: ${arg}`);
      return set;
    }
    if (op === ':+') return set ? arg : '';
    if (op === '+') return set !== undefined ? arg : '';
    return set ?? '';
  });
}
const composeVariables = (): { name: string; required: boolean }[] =>
  [...composeText.matchAll(INTERPOLATION)]
    .filter((m) => m[0] !== '$$')
    .map((m) => ({ name: (m[1] ?? m[4])!, required: m[2] === ':?' || m[2] === '?' }));

function composeEnvironment(service: ComposeService): Env {
  const raw = service.environment ?? {};
  const pairs: [string, string][] = Array.isArray(raw)
    ? raw.map((line) => [line.split('=')[0]!, line.slice(line.indexOf('=') + 1)])
    : Object.entries(raw).map(([k, v]) => [k, v === null ? '' : String(v)]);
  // the variables the file requires set by the operator, with a value shaped as the setting it feeds; the others
  // unset, so that their defaults apply
  const required = new Set(
    composeVariables()
      .filter((v) => v.required)
      .map((v) => v.name),
  );
  return Object.fromEntries(
    pairs.map(([name, value]) => [name, interpolate(value, (v) => (required.has(v) ? stand_in(name) : undefined))]),
  );
}

/** The app a compose service runs: the build's SERVICE argument (the Dockerfile's entry point). */
const composeServiceOf = (app: string): [string, ComposeService] | undefined =>
  Object.entries(compose.services).find(([, s]) => s.build?.args?.['SERVICE'] === app);

// ---------------------------------------------------------------------------------------------------------------
// deploy/k8s

const objects = renderKustomization(path.join(root, 'deploy/k8s'));
const ofKind = (kind: string): KubernetesObject[] => objects.filter((o) => o.kind === kind);
const named = (kind: string, name: string): KubernetesObject | undefined =>
  objects.find((o) => o.kind === kind && o.metadata.name === name);

interface Container {
  name: string;
  image: string;
  env?: {
    name: string;
    value?: string;
    valueFrom?: {
      secretKeyRef?: { name: string; key: string };
      configMapKeyRef?: { name: string; key: string };
    };
  }[];
  ports?: { containerPort: number; name?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
  livenessProbe?: { httpGet?: { port: number | string } };
  readinessProbe?: { httpGet?: { port: number | string } };
}
interface NetworkPolicySpec {
  podSelector: { matchLabels: Record<string, string> };
  ingress: {
    from: {
      podSelector?: { matchLabels: Record<string, string> };
      namespaceSelector?: { matchLabels: Record<string, string> };
    }[];
    ports: { port: number }[];
  }[];
}
const containerOf = (deployment: KubernetesObject): Container => containersOf(deployment)[0] as unknown as Container;
const podLabels = (deployment: KubernetesObject): Record<string, string> =>
  (deployment['spec'] as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
const selects = (selector: Record<string, string> | undefined, labels: Record<string, string>): boolean =>
  !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The Deployment whose container runs an app (its SERVICE variable picks the entry point). */
const deploymentOf = (app: string): KubernetesObject | undefined =>
  ofKind('Deployment').find((d) => containerOf(d).env?.some((e) => e.name === 'SERVICE' && e.value === app));

/**
 * The container's environment as the pod would see it: secrets as stand-ins, ConfigMap keys as rendered, and files
 * under a volume mounted from a ConfigMap written to a temporary folder (the path rewritten to it), so a settings
 * function that reads a mounted file (rules) reads what the ConfigMap holds.
 */
function kubernetesEnvironment(deployment: KubernetesObject, scratch: string): Env {
  const container = containerOf(deployment);
  const volumes =
    (deployment['spec'] as { template: { spec: { volumes?: { name: string; configMap?: { name: string } }[] } } })
      .template.spec.volumes ?? [];
  const env: Env = {};
  for (const entry of container.env ?? []) {
    if (entry.valueFrom?.secretKeyRef) env[entry.name] = stand_in(entry.name);
    else if (entry.valueFrom?.configMapKeyRef) {
      const ref = entry.valueFrom.configMapKeyRef;
      const value = (named('ConfigMap', ref.name)?.['data'] as Env | undefined)?.[ref.key];
      if (value === undefined) throw new Error(`ConfigMap ${ref.name} has no key ${ref.key}`);
      env[entry.name] = value;
    } else env[entry.name] = entry.value ?? '';
    for (const mount of container.volumeMounts ?? []) {
      if (!env[entry.name]!.startsWith(`${mount.mountPath}/`)) continue;
      const configMap = volumes.find((v) => v.name === mount.name)?.configMap?.name;
      const data = configMap ? (named('ConfigMap', configMap)?.['data'] as Env | undefined) : undefined;
      const key = env[entry.name]!.slice(mount.mountPath.length + 1);
      if (data?.[key] === undefined) throw new Error(`${entry.name}=${env[entry.name]}: nothing mounted there`);
      const file = path.join(scratch, deployment.metadata.name, mount.name, key);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, data[key]);
      env[entry.name] = file;
    }
  }
  return env;
}

// ---------------------------------------------------------------------------------------------------------------

describe('Dockerfile (the one image both files run)', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages[stages.length - 1]!;

  it('runs each service by SERVICE and the gateway’s Hive Router from HIVE_ROUTER_BIN, built from the router stage', () => {
    expect(runtime).toMatch(IMAGE_ENV['SERVICE']!);
    const bin = /^ENV HIVE_ROUTER_BIN=(\S+)$/m.exec(runtime)?.[1];
    expect(bin).toBeDefined();
    const copy = new RegExp(`^COPY --from=(\\S+) \\S+ ${bin}$`, 'm').exec(runtime);
    expect(stages.some((stage) => stage.startsWith(`rust:`) && stage.includes(` AS ${copy?.[1]}\n`))).toBe(true);
  });

  it('builds the Hive Router version and plugin crate the tests and npm start run (tools/router/hive-router.sh)', () => {
    const pinned = /HIVE_ROUTER_VERSION:-([0-9.]+)/.exec(read('tools/router/hive-router.sh'))?.[1];
    expect(pinned).toBeDefined();
    expect(dockerfile).toContain(`ARG HIVE_ROUTER_VERSION=${pinned}`);
    // with the limits plugin (ADR 0019): the project's crate, which pins that version, as the script builds it
    expect(read('tools/router/lianjian-router/Cargo.toml')).toContain(`hive-router = { version = "=${pinned}"`);
    expect(dockerfile).toContain('COPY tools/router/lianjian-router /src/lianjian-router');
    expect(dockerfile).toContain('cargo install --locked --path /src/lianjian-router');
  });
});

describe('docker-compose.yml', () => {
  it('is valid YAML and valid against the Compose Specification’s JSON Schema', () => {
    expect(composeDocument.errors.map((e) => e.message)).toEqual([]);
    const schema = JSON.parse(read('tools/deploy/vendor/compose-spec.json')) as Record<string, unknown>;
    delete schema['$schema']; // draft-07, written as https://json-schema.org/draft-07/schema, Ajv's default draft
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    validate(compose);
    expect(validate.errors ?? []).toEqual([]);
  });

  it('runs every service (apps/*/src/main.ts) from the image, healthy, on the port its settings listen on', () => {
    for (const app of APPS) {
      const found = composeServiceOf(app);
      expect({ app, service: found?.[0] }).toEqual({ app, service: expect.any(String) });
      const [, service] = found!;
      expect(service.build?.context).toBe('.');
      const port = composeEnvironment(service)['PORT'];
      expect({ app, port }).toEqual({ app, port: expect.stringMatching(/^\d+$/) });
      const healthcheck = ([] as string[]).concat(service.healthcheck?.test ?? []).join(' ');
      expect(healthcheck).toContain(`//127.0.0.1:${port}/`);
    }
    const [, gateway] = composeServiceOf('gateway')!;
    expect(gateway.ports?.map(String)).toContain(`4000:${composeEnvironment(gateway)['PORT']}`);
    // no reverse proxy in the file: the projects service's port is published for its public endpoint (/public/graphql)
    const [, projects] = composeServiceOf('projects')!;
    const projectsPort = composeEnvironment(projects)['PORT'];
    expect(projects.ports?.map(String)).toContain(`${projectsPort}:${projectsPort}`);
    for (const [name, service] of Object.entries(compose.services))
      if (name !== composeServiceOf('gateway')![0] && name !== composeServiceOf('projects')![0])
        expect({ name, ports: service.ports ?? [] }).toEqual({ name, ports: [] });
  });

  it('points the gateway at each subgraph of the supergraph, on that service’s port, started before it', () => {
    const [, gateway] = composeServiceOf('gateway')!;
    const env = composeEnvironment(gateway);
    for (const subgraph of Object.keys(DEFAULT_SUBGRAPH_URLS)) {
      const [name, service] = composeServiceOf(subgraph)!;
      expect(env[`SUBGRAPH_URL_${subgraph.toUpperCase()}`]).toBe(
        `http://${name}:${composeEnvironment(service)['PORT']}/graphql`,
      );
      expect(gateway.depends_on).toMatchObject({ [name]: { condition: 'service_healthy' } });
    }
  });

  it('gives each subgraph the Kafka and database services of the file, healthy before it starts', () => {
    for (const subgraph of Object.keys(DEFAULT_SUBGRAPH_URLS)) {
      const [, service] = composeServiceOf(subgraph)!;
      const env = composeEnvironment(service);
      const kafka = env['KAFKA_BROKERS']!.split(',').map((b) => b.split(':')[0]!);
      const mongodb = new URL(env['MONGODB_URI']!).hostname;
      for (const host of [...kafka, mongodb]) {
        expect({ subgraph, host, defined: host in compose.services }).toEqual({ subgraph, host, defined: true });
        expect(service.depends_on).toMatchObject({ [host]: { condition: 'service_healthy' } });
      }
    }
  });

  it('keeps Kafka’s log and the database’s files in the named volumes', () => {
    // the apache/kafka image writes its log to KAFKA_LOG_DIRS, /tmp/kraft-combined-logs unless set, not to its
    // /var/lib/kafka/data volume; the mongo image writes to /data/db
    const mounts = (service: string): string[] =>
      ((compose.services[service] as { volumes?: string[] }).volumes ?? []).map((v) => v.split(':')[1]!);
    const kafka = Object.entries(compose.services).find(([, s]) => s.image?.startsWith('apache/kafka:'))!;
    expect(mounts(kafka[0])).toContain(composeEnvironment(kafka[1])['KAFKA_LOG_DIRS']);
    const mongodb = Object.entries(compose.services).find(([, s]) => s.image?.startsWith('mongo:'))!;
    expect(mounts(mongodb[0])).toContain('/data/db');
  });

  it('asks the operator for every secret it needs, as the README’s `docker compose up` line says', () => {
    const readme = read('README.md');
    const line = readme.split('\n').find((l) => l.includes('docker compose up'))!;
    const required = [
      ...new Set(
        composeVariables()
          .filter((v) => v.required)
          .map((v) => v.name),
      ),
    ];
    expect(required.length).toBeGreaterThan(0);
    for (const variable of required)
      expect({ variable, inReadme: line.includes(`${variable}=`) }).toEqual({ variable, inReadme: true });
    // one shared secret for the gateway and the subgraphs: the same variable everywhere
    const sources = APPS.map((app) => composeServiceOf(app)![1].environment as Record<string, string>).map(
      (env) => env['GATEWAY_SUBGRAPH_SECRET'],
    );
    expect(new Set(sources).size).toBe(1);
  });

  it('sets an environment each service’s settings accept, and only variables the code reads', () => {
    for (const app of APPS) {
      const env = composeEnvironment(composeServiceOf(app)![1]);
      const { names, error } = settingsReads(app, env);
      expect({ app, error }).toEqual({ app, error: null });
      const known = new Set([...names, ...sourceReads([`apps/${app}/src`]), ...LIBRARY_READS]);
      const stray = Object.keys(env).filter((name) => !known.has(name));
      expect({ app, stray }).toEqual({ app, stray: [] });
    }
  });
});

describe('deploy/k8s (kustomization rendered as kustomize would)', () => {
  it('renders every resource into the kustomization’s namespace, with the released image', () => {
    const kustomization = parseDocument(read('deploy/k8s/kustomization.yaml')).toJS() as {
      namespace: string;
      images: { name: string; newName: string; newTag: string }[];
    };
    expect(objects.length).toBeGreaterThan(0);
    for (const object of objects)
      if (object.kind === 'Namespace') expect(object.metadata.name).toBe(kustomization.namespace);
      else
        expect({ object: object.metadata.name, namespace: object.metadata.namespace }).toEqual({
          object: object.metadata.name,
          namespace: kustomization.namespace,
        });
    for (const container of objects.flatMap(containersOf))
      expect(container['image']).toBe(`${kustomization.images[0]!.newName}:${kustomization.images[0]!.newTag}`);
  });

  it('is valid against the Kubernetes API’s schemas (kubernetes-models): types, required and unknown fields', () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, 'validate-kubernetes.mjs')], {
      input: JSON.stringify(objects),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('runs every service (apps/*/src/main.ts) as a Deployment, listening on its named port, probed there', () => {
    for (const app of APPS) {
      const deployment = deploymentOf(app);
      expect({ app, deployment: deployment?.metadata.name }).toEqual({ app, deployment: expect.any(String) });
      const container = containerOf(deployment!);
      const port = Number(container.env?.find((e) => e.name === 'PORT')?.value);
      expect(container.ports).toEqual([{ containerPort: port, name: 'http' }]);
      expect(container.readinessProbe?.httpGet?.port).toBe('http');
      expect(container.livenessProbe?.httpGet?.port).toBe('http');
    }
  });

  it('points the gateway at each subgraph through a Service that selects its pods and reaches its port', () => {
    const gateway = containerOf(deploymentOf('gateway')!);
    for (const subgraph of Object.keys(DEFAULT_SUBGRAPH_URLS)) {
      const url = new URL(gateway.env!.find((e) => e.name === `SUBGRAPH_URL_${subgraph.toUpperCase()}`)!.value!);
      const service = named('Service', url.hostname);
      expect({ subgraph, service: service?.metadata.name }).toEqual({ subgraph, service: url.hostname });
      const spec = service!['spec'] as {
        selector: Record<string, string>;
        ports: { port: number; targetPort: string }[];
      };
      const deployment = deploymentOf(subgraph)!;
      expect(selects(spec.selector, podLabels(deployment))).toBe(true);
      const servicePort = spec.ports.find((p) => p.port === Number(url.port || 80));
      expect(containerOf(deployment).ports?.some((p) => p.name === servicePort?.targetPort)).toBe(true);
    }
    const service = named('Service', 'gateway')!['spec'] as { selector: Record<string, string> };
    expect(selects(service.selector, podLabels(deploymentOf('gateway')!))).toBe(true);
  });

  it('admits the subgraphs’ ports from the gateway’s pods, and scales and shelters Deployments that exist', () => {
    const policy = named('NetworkPolicy', 'subgraphs-from-gateway-only')!['spec'] as NetworkPolicySpec;
    const fromGateway = policy.ingress.find((rule) =>
      rule.from.some((f) => selects(f.podSelector?.matchLabels, podLabels(deploymentOf('gateway')!))),
    );
    for (const subgraph of Object.keys(DEFAULT_SUBGRAPH_URLS)) {
      const deployment = deploymentOf(subgraph)!;
      expect(selects(policy.podSelector.matchLabels, podLabels(deployment))).toBe(true);
      const port = containerOf(deployment).ports![0]!.containerPort;
      expect({ subgraph, admitted: fromGateway?.ports.map((p) => p.port).includes(port) }).toEqual({
        subgraph,
        admitted: true,
      });
      // scaled out and sheltered from voluntary disruptions like the others
      const hpa = ofKind('HorizontalPodAutoscaler').find(
        (h) => (h['spec'] as { scaleTargetRef: { name: string } }).scaleTargetRef.name === deployment.metadata.name,
      );
      const pdb = ofKind('PodDisruptionBudget').find((b) =>
        selects(
          (b['spec'] as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels,
          podLabels(deployment),
        ),
      );
      expect({ subgraph, hpa: !!hpa, pdb: !!pdb }).toEqual({ subgraph, hpa: true, pdb: true });
    }
    for (const other of ofKind('NetworkPolicy'))
      expect({
        policy: other.metadata.name,
        selectsGateway: selects(
          (other['spec'] as NetworkPolicySpec).podSelector.matchLabels,
          podLabels(deploymentOf('gateway')!),
        ),
      }).toEqual({ policy: other.metadata.name, selectsGateway: false });
    for (const hpa of ofKind('HorizontalPodAutoscaler')) {
      const target = (hpa['spec'] as { scaleTargetRef: { kind: string; name: string } }).scaleTargetRef;
      expect({ hpa: hpa.metadata.name, target: named(target.kind, target.name)?.kind }).toEqual({
        hpa: hpa.metadata.name,
        target: target.kind,
      });
    }
    for (const pdb of ofKind('PodDisruptionBudget')) {
      const selector = (pdb['spec'] as { selector: { matchLabels: Record<string, string> } }).selector.matchLabels;
      expect({
        pdb: pdb.metadata.name,
        selects: ofKind('Deployment').some((d) => selects(selector, podLabels(d))),
      }).toEqual({ pdb: pdb.metadata.name, selects: true });
    }
  });

  it('routes only /public/ of the projects service from outside (an Ingress), admitted by a NetworkPolicy', () => {
    const projects = deploymentOf('projects')!;
    const port = containerOf(projects).ports![0]!;
    const subgraphs = Object.keys(DEFAULT_SUBGRAPH_URLS).map((s) => deploymentOf(s)!);
    const routes = ofKind('Ingress').flatMap((ingress) =>
      (
        ingress['spec'] as {
          rules: {
            http: {
              paths: {
                path: string;
                pathType: string;
                backend: { service: { name: string; port: { name?: string; number?: number } } };
              }[];
            };
          }[];
        }
      ).rules.flatMap((rule) => rule.http.paths),
    );
    const toSubgraph = routes.flatMap((route) => {
      const service = named('Service', route.backend.service.name)!['spec'] as {
        selector: Record<string, string>;
        ports: { port: number; name: string; targetPort: string }[];
      };
      const target = subgraphs.find((d) => selects(service.selector, podLabels(d)));
      if (!target) return [];
      const servicePort = service.ports.find(
        (p) => p.name === route.backend.service.port.name || p.port === route.backend.service.port.number,
      );
      return [
        { path: route.path, pathType: route.pathType, to: target.metadata.name, targetPort: servicePort?.targetPort },
      ];
    });
    // the subgraphs' /graphql, /health and /metrics stay inside: the one way in from outside is /public/ of projects
    expect(toSubgraph).toEqual([
      { path: '/public/', pathType: 'Prefix', to: projects.metadata.name, targetPort: port.name },
    ]);
    const admitted = ofKind('NetworkPolicy')
      .map((p) => p['spec'] as NetworkPolicySpec)
      .filter((p) => selects(p.podSelector.matchLabels, podLabels(projects)))
      .flatMap((p) => p.ingress)
      .filter(
        (rule) =>
          rule.from.some((f) => f.namespaceSelector && f.podSelector) &&
          rule.ports.some((p) => p.port === port.containerPort),
      );
    expect(admitted).toHaveLength(1);
    // behind the controller the client address is X-Forwarded-For's, trusted from the controller's pods only
    const scratch = mkdtempSync(path.join(tmpdir(), 'lianjian-deploy-'));
    try {
      const settings = projectsSettingsFromEnv(kubernetesEnvironment(projects, scratch));
      expect(settings.trustedProxies).not.toEqual([]);
      // the links and QR codes the service issues point at the public host the Ingress serves, over TLS
      const hosts = ofKind('Ingress').flatMap((i) =>
        (i['spec'] as { rules: { host: string }[] }).rules.map((r) => r.host),
      );
      expect(new URL(settings.publicBaseUrl).protocol).toBe('https:');
      expect(hosts).toContain(new URL(settings.publicBaseUrl).host);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
    // that policy admits the ingress controller to the projects pods only
    for (const other of subgraphs.filter((d) => d !== projects))
      for (const policy of ofKind('NetworkPolicy').map((p) => p['spec'] as NetworkPolicySpec))
        if (selects(policy.podSelector.matchLabels, podLabels(other)))
          expect(policy.ingress.some((rule) => rule.from.some((f) => f.namespaceSelector && f.podSelector))).toBe(
            false,
          );
  });

  it('takes every secret from lianjian-secrets, each key listed in deploy/README.md, the subgraph secret shared', () => {
    const readme = read('deploy/README.md');
    const refs = ofKind('Deployment').flatMap((d) =>
      (containerOf(d).env ?? []).flatMap((e) =>
        e.valueFrom?.secretKeyRef ? [{ env: e.name, ...e.valueFrom.secretKeyRef }] : [],
      ),
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref.name).toBe('lianjian-secrets');
      expect({ key: ref.key, inReadme: readme.includes(`\`${ref.key}\``) }).toEqual({ key: ref.key, inReadme: true });
    }
    const shared = refs.filter((r) => r.env === 'GATEWAY_SUBGRAPH_SECRET');
    expect(shared).toHaveLength(APPS.length);
    expect(new Set(shared.map((r) => r.key)).size).toBe(1);
  });

  it('sets an environment each service’s settings accept (mounted rules included), and only variables the code reads', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'lj-deploy-'));
    try {
      for (const app of APPS) {
        const env = kubernetesEnvironment(deploymentOf(app)!, scratch);
        const { names, error } = settingsReads(app, env);
        expect({ app, error }).toEqual({ app, error: null });
        const known = new Set([...names, ...sourceReads([`apps/${app}/src`]), ...LIBRARY_READS]);
        const dockerfile = read('Dockerfile');
        const stray = Object.keys(env).filter((name) => !known.has(name) && !IMAGE_ENV[name]?.test(dockerfile));
        expect({ app, stray }).toEqual({ app, stray: [] });
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});

describe('the wiring checks themselves', () => {
  it('find a variable the code requires that a deployment leaves out', () => {
    const env = composeEnvironment(composeServiceOf('members')![1]);
    delete env['MEMBERS_MASTER_KEY'];
    expect(settingsReads('members', env).error).toMatch(/MEMBERS_MASTER_KEY/);
    const projects = composeEnvironment(composeServiceOf('projects')![1]);
    delete projects['PROJECTS_MASTER_KEY'];
    expect(settingsReads('projects', projects).error).toMatch(/PROJECTS_MASTER_KEY/);
    const gateway = composeEnvironment(composeServiceOf('gateway')![1]);
    delete gateway['GATEWAY_SUBGRAPH_SECRET'];
    expect(settingsReads('gateway', gateway).error).toMatch(/GATEWAY_SUBGRAPH_SECRET/);
  });

  it('record what the settings read, zod schemas included', () => {
    const { names } = settingsReads('organizations', {});
    for (const name of ['MONGODB_URI', 'KAFKA_BROKERS', 'GATEWAY_SUBGRAPH_SECRET', 'RULES_CONFIG', 'PORT'])
      expect(names).toContain(name);
    expect(sourceReads(['apps/gateway/src'])).toContain('HIVE_ROUTER_BIN');
  });

  it('every app has a settings function here', () => {
    expect(APPS.sort()).toEqual(Object.keys(SETTINGS).sort());
  });
});

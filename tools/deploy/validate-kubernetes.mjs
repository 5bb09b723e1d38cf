// Validates Kubernetes objects against the API's schemas, offline, with the kubernetes-models package (its classes
// validate with the OpenAPI schemas of the Kubernetes release it was generated from). Reads a JSON array of objects
// on stdin and prints a JSON array of problems ({ object, problem }), empty when all are valid.
//
// kubernetes-models is ESM-only (its package exports have only the `import` condition), which Jest's CommonJS
// loader cannot resolve: tools/deploy/deploy.spec.ts runs this file with node instead.
//
// Two checks per object:
// - the model class's validate(): types, required fields, enums, formats, as the API server's schema says;
// - unknown fields: the API's schemas allow properties they do not declare, but `kubectl apply` (strict field
//   validation, its default since Kubernetes 1.27) refuses them. The schema's compiled validator reads every
//   property it declares; it runs on a proxy of the object that records what is read, and a key never read in an
//   object whose properties were read is unknown. An object read as a map (its keys enumerated: labels, a
//   ConfigMap's data) or never read at all (a free-form field) has no unknown keys.

const input = await new Promise((resolve, reject) => {
  let text = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => (text += chunk));
  process.stdin.on('end', () => resolve(text));
  process.stdin.on('error', reject);
});

const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);

/** The module of the API group and version (`apps/v1` → kubernetes-models/apps/v1; the core `v1` → kubernetes-models/v1). */
const modelModule = (apiVersion) => `kubernetes-models/${apiVersion}`;

/** The schema's module: IoK8sApi<Group><Version><Kind>, the group's first label (networking.k8s.io → Networking, core → Core). */
function schemaModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return `kubernetes-models/_schemas/IoK8sApi${capitalize(group.split('.')[0])}${capitalize(version)}${kind}`;
}

/** Wraps a value in proxies that record, per object, which keys were read and whether its keys were enumerated. */
function recording(value, path, records) {
  if (value === null || typeof value !== 'object') return value;
  const record = { path, value, read: new Set(), enumerated: false };
  records.push(record);
  const children = new Map();
  return new Proxy(value, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== 'string') return child;
      record.read.add(key);
      if (child === null || typeof child !== 'object') return child;
      if (!children.has(key)) children.set(key, recording(child, `${path}/${key}`, records));
      return children.get(key);
    },
    has(target, key) {
      if (typeof key === 'string') record.read.add(key);
      return Reflect.has(target, key);
    },
    ownKeys(target) {
      record.enumerated = true;
      return Reflect.ownKeys(target);
    },
  });
}

function unknownFields(validate, object) {
  const records = [];
  validate(recording(object, '', records));
  const unknown = [];
  for (const record of records) {
    if (Array.isArray(record.value) || record.enumerated || record.read.size === 0) continue;
    for (const key of Object.keys(record.value)) if (!record.read.has(key)) unknown.push(`${record.path}/${key}`);
  }
  return unknown;
}

const problems = [];
for (const object of JSON.parse(input)) {
  const name = `${object?.kind}/${object?.metadata?.name} (${object?.apiVersion})`;
  const report = (problem) => problems.push({ object: name, problem });
  if (typeof object?.apiVersion !== 'string' || typeof object?.kind !== 'string') {
    report('has no apiVersion or kind');
    continue;
  }
  let Model;
  try {
    Model = (await import(modelModule(object.apiVersion)))[object.kind];
  } catch {
    // no such API group and version
  }
  if (typeof Model !== 'function') {
    report(`${object.kind} in ${object.apiVersion} is not a Kubernetes API kind`);
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    report(error instanceof Error ? error.message : String(error));
  }
  try {
    const { validate } = await import(schemaModule(object.apiVersion, object.kind));
    for (const field of unknownFields(validate, object)) report(`unknown field ${field}`);
  } catch (error) {
    report(`cannot check its fields: ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.stdout.write(JSON.stringify(problems));

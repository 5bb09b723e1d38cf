import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/**
 * Renders a kustomization as `kubectl apply -k` (kustomize) would, for the fields this repository's
 * deploy/k8s/kustomization.yaml may use: `resources` (files of objects), `namespace`, `images`, `labels`,
 * `commonLabels`, `commonAnnotations`. Any other field is refused rather than ignored, so a kustomization that uses
 * something this renderer does not model fails its test instead of being validated as something it is not.
 * (No kustomize binary here: it is a Go program, not an npm package; tools/deploy/deploy.spec.ts.)
 */

export type KubernetesObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
} & Record<string, unknown>;

const SUPPORTED = new Set([
  'apiVersion',
  'kind',
  'resources',
  'namespace',
  'images',
  'labels',
  'commonLabels',
  'commonAnnotations',
]);

/** Kinds without a namespace, which kustomize's namespace transformer leaves alone (its list, for the core APIs). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CertificateSigningRequest',
]);

interface ImageRule {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

interface LabelRule {
  pairs: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
}

export function parseYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(readFileSync(file, 'utf8'), { uniqueKeys: true, prettyErrors: true })
    .map((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
      return doc.toJS() as unknown;
    })
    .filter((doc) => doc !== null && doc !== undefined);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The pod templates' specs of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob) or a Pod. */
export function podSpecs(object: KubernetesObject): Record<string, unknown>[] {
  const spec = object['spec'];
  if (!isRecord(spec)) return [];
  if (object.kind === 'Pod') return [spec];
  const child = (value: unknown, key: string): unknown => (isRecord(value) ? value[key] : undefined);
  const template = object.kind === 'CronJob' ? child(child(spec['jobTemplate'], 'spec'), 'template') : spec['template'];
  return isRecord(template) && isRecord(template['spec']) ? [template['spec']] : [];
}

export function containersOf(object: KubernetesObject): Record<string, unknown>[] {
  return podSpecs(object).flatMap((spec) =>
    ['initContainers', 'containers'].flatMap((key) => (Array.isArray(spec[key]) ? (spec[key] as unknown[]) : [])),
  ) as Record<string, unknown>[];
}

/** kustomize's image transformer: `name[:tag|@digest]` whose name matches gets the new name, tag or digest. */
function transformImage(image: string, rules: readonly ImageRule[]): string {
  const at = image.indexOf('@');
  const colon = image.lastIndexOf(':');
  const slash = image.lastIndexOf('/');
  const nameEnd = at >= 0 ? at : colon > slash ? colon : image.length;
  const name = image.slice(0, nameEnd);
  const rule = rules.find((r) => r.name === name);
  if (!rule) return image;
  const suffix = rule.digest ? `@${rule.digest}` : rule.newTag ? `:${rule.newTag}` : image.slice(nameEnd);
  return `${rule.newName ?? name}${suffix}`;
}

function addLabels(object: KubernetesObject, rule: LabelRule): void {
  object.metadata.labels = { ...object.metadata.labels, ...rule.pairs };
  const spec = object['spec'];
  if (!isRecord(spec)) return;
  if (rule.includeSelectors) {
    if (object.kind === 'Service') spec['selector'] = { ...(spec['selector'] as object), ...rule.pairs };
    else if (isRecord(spec['selector'])) {
      const selector = spec['selector'];
      selector['matchLabels'] = { ...(selector['matchLabels'] as object), ...rule.pairs };
    }
  }
  if (rule.includeSelectors || rule.includeTemplates) {
    const template = spec['template'];
    if (isRecord(template)) {
      const metadata = isRecord(template['metadata']) ? template['metadata'] : (template['metadata'] = {});
      metadata['labels'] = { ...(metadata['labels'] as object), ...rule.pairs };
    }
  }
}

export function renderKustomization(dir: string): KubernetesObject[] {
  const file = path.join(dir, 'kustomization.yaml');
  const [kustomization] = parseYamlDocuments(file);
  if (!isRecord(kustomization)) throw new Error(`${file} is not a mapping`);
  if (kustomization['apiVersion'] !== 'kustomize.config.k8s.io/v1beta1' || kustomization['kind'] !== 'Kustomization')
    throw new Error(`${file}: expected apiVersion kustomize.config.k8s.io/v1beta1, kind Kustomization`);
  const unsupported = Object.keys(kustomization).filter((key) => !SUPPORTED.has(key));
  if (unsupported.length > 0)
    throw new Error(`${file}: ${unsupported.join(', ')} not modelled by tools/deploy/kustomize.ts; add them there`);

  const objects: KubernetesObject[] = [];
  for (const resource of (kustomization['resources'] as string[] | undefined) ?? []) {
    const resourceFile = path.join(dir, resource);
    for (const doc of parseYamlDocuments(resourceFile)) {
      if (!isRecord(doc) || !isRecord(doc['metadata']) || typeof doc['metadata']['name'] !== 'string')
        throw new Error(`${resourceFile}: an object without metadata.name`);
      objects.push(doc as KubernetesObject);
    }
  }
  const ids = objects.map((o) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) throw new Error(`${file}: ${duplicate} twice (kustomize refuses an id conflict)`);

  const namespace = kustomization['namespace'] as string | undefined;
  const labelRules: LabelRule[] = [
    ...((kustomization['labels'] as LabelRule[] | undefined) ?? []),
    ...(kustomization['commonLabels']
      ? [{ pairs: kustomization['commonLabels'] as Record<string, string>, includeSelectors: true }]
      : []),
  ];
  const annotations = kustomization['commonAnnotations'] as Record<string, string> | undefined;
  const images = (kustomization['images'] as ImageRule[] | undefined) ?? [];

  for (const object of objects) {
    if (namespace) {
      if (object.kind === 'Namespace') object.metadata.name = namespace;
      else if (!CLUSTER_SCOPED.has(object.kind)) object.metadata.namespace = namespace;
      if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding')
        throw new Error(`${file}: the namespace of ${object.kind} subjects is not modelled; add it to kustomize.ts`);
    }
    for (const rule of labelRules) addLabels(object, rule);
    if (annotations) object.metadata.annotations = { ...object.metadata.annotations, ...annotations };
    for (const container of containersOf(object))
      if (typeof container['image'] === 'string') container['image'] = transformImage(container['image'], images);
  }
  return objects;
}

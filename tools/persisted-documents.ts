// npm run persisted-documents — registers the operations of apps/gateway/operations/*.graphql (the admin app's and the
// dashboards') by hash in apps/gateway/persisted-documents.json, each validated against the composed API schema.
// The file is committed; a test fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeApiSchema } from '../apps/gateway/src/compose';
import {
  MANIFEST_FILE,
  OPERATIONS_DIR,
  persistedDocuments,
  renderManifest,
} from '../apps/gateway/src/persisted-documents';

const root = path.resolve(__dirname, '..');
const manifest = persistedDocuments(
  OPERATIONS_DIR,
  composeApiSchema({
    organizations: readFileSync(path.join(root, 'apps/organizations/schema.graphql'), 'utf8'),
    members: readFileSync(path.join(root, 'apps/members/schema.graphql'), 'utf8'),
    projects: readFileSync(path.join(root, 'apps/projects/schema.graphql'), 'utf8'),
  }),
);
writeFileSync(MANIFEST_FILE, renderManifest(manifest));
console.log(`registered ${manifest.operations.length} operations in ${path.relative(root, MANIFEST_FILE)}`);

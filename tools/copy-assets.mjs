// Copies what the compiled services read at run time next to them in dist/ (schemas, configuration, supergraph, persisted documents).
import { cpSync, existsSync } from 'node:fs';

const assets = [
  ['apps/organizations/src/config', 'dist/apps/organizations/src/config'],
  ['apps/members/src/config', 'dist/apps/members/src/config'],
  ['apps/projects/src/config', 'dist/apps/projects/src/config'],
  ['apps/gateway/supergraph.graphql', 'dist/apps/gateway/supergraph.graphql'],
  ['apps/gateway/persisted-documents.json', 'dist/apps/gateway/persisted-documents.json'],
];
for (const [from, to] of assets) if (existsSync(from)) cpSync(from, to, { recursive: true });

// Copies what the compiled services read at run time next to them in dist/ (schemas, configuration, supergraph).
import { cpSync, existsSync } from 'node:fs';

const assets = [
  ['apps/organizations/src/config', 'dist/apps/organizations/src/config'],
  ['apps/members/src/config', 'dist/apps/members/src/config'],
  ['apps/gateway/supergraph.graphql', 'dist/apps/gateway/supergraph.graphql'],
];
for (const [from, to] of assets) if (existsSync(from)) cpSync(from, to, { recursive: true });

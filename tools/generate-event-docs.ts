// npm run docs:events — writes the JSON Schema of every published event to docs/events/schemas/<service>/ and
// the AsyncAPI document to docs/asyncapi/<service>.asyncapi.json, from the contracts in libs/*/contracts.
// Unit tests fail when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderMembersEventDocs } from '../libs/members/contracts/src/render-docs';
import { renderEventDocs } from '../libs/organizations/contracts/src/render-docs';

const root = path.resolve(__dirname, '..');
for (const [file, content] of Object.entries({ ...renderEventDocs(), ...renderMembersEventDocs() })) {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}
console.log('event schemas and AsyncAPI written to docs/');

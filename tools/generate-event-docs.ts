// npm run docs:events — writes, from the message definitions in libs/*/contracts (one folder per message): the JSON
// Schema of every published message to docs/events/schemas/<service>/, the AsyncAPI document to
// docs/asyncapi/<service>.asyncapi.json, and docs/event-catalog.md. Unit tests (the contracts.spec.ts files) fail
// when the committed files differ from what this writes.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderEventCatalog } from '../libs/shared/contracts/src';
import { MEMBERS_CONTRACT, renderMembersEventDocs } from '../libs/members/contracts/src';
import { ORGANIZATIONS_CONTRACT, renderEventDocs } from '../libs/organizations/contracts/src';
import { PROJECTS_CONTRACT, renderProjectsEventDocs } from '../libs/projects/contracts/src';

const root = path.resolve(__dirname, '..');
const files = {
  ...renderEventDocs(),
  ...renderMembersEventDocs(),
  ...renderProjectsEventDocs(),
  'docs/event-catalog.md': renderEventCatalog([ORGANIZATIONS_CONTRACT, MEMBERS_CONTRACT, PROJECTS_CONTRACT]),
};
for (const [file, content] of Object.entries(files)) {
  const target = path.join(root, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}
console.log('event schemas, AsyncAPI documents and the event catalog written to docs/');

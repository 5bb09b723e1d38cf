import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeApiSchema } from './compose';
import { MANIFEST_FILE, OPERATIONS_DIR, documentId, persistedDocuments, renderManifest } from './persisted-documents';

const root = path.resolve(__dirname, '../../..');
const apiSchema = composeApiSchema({
  organizations: readFileSync(path.join(root, 'apps/organizations/schema.graphql'), 'utf8'),
  members: readFileSync(path.join(root, 'apps/members/schema.graphql'), 'utf8'),
  projects: readFileSync(path.join(root, 'apps/projects/schema.graphql'), 'utf8'),
});
const folderWith = (text: string): string => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'operations-'));
  writeFileSync(path.join(dir, 'ops.graphql'), text);
  return dir;
};

describe('persisted documents', () => {
  it('are committed as the operations folder registers them (run npm run persisted-documents after a change)', () => {
    const manifest = persistedDocuments(OPERATIONS_DIR, apiSchema);
    expect(renderManifest(manifest)).toBe(readFileSync(MANIFEST_FILE, 'utf8'));
    for (const operation of manifest.operations) expect(operation.id).toBe(documentId(operation.body));
    expect(manifest.operations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['DistrictCoverage', 'OrganizationMembers', 'RegisterMember']),
    );
  });

  it('refuses an operation the schema does not validate, an anonymous one and a name registered twice', () => {
    expect(() => persistedDocuments(folderWith('query Wrong { organization(id: "x") { nope } }'), apiSchema)).toThrow(
      /Wrong: Cannot query field "nope"/,
    );
    expect(() => persistedDocuments(folderWith('{ organizations { totalCount } }'), apiSchema)).toThrow(
      /one named operation/,
    );
    expect(() =>
      persistedDocuments(
        folderWith('query A { organizations { totalCount } }\nquery A { units { totalCount } }'),
        apiSchema,
      ),
    ).toThrow(/A is registered twice/);
  });
});

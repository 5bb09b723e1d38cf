import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  type InputObjectTypeDefinitionNode,
  Kind,
  type ObjectValueNode,
  parse,
  type ValueNode,
  validate,
} from 'graphql';
import { composeApiSchema } from '../apps/gateway/src/compose';

// Where a new user begins (issue 11, §4): the README's first two commands, then its "Where to begin" section, whose
// GraphQL examples must run against the schema as composed, and the schema's own descriptions saying the same: the
// first organization is the root committee (parentId null, type Committee), and regions are codes.

const root = path.resolve(__dirname, '..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const readme = read('README.md');
const apiSchema = buildSchema(
  composeApiSchema({
    organizations: read('apps/organizations/schema.graphql'),
    members: read('apps/members/schema.graphql'),
    projects: read('apps/projects/schema.graphql'),
  }),
);

function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  if (start < 0) throw new Error(`README.md has no section "${title}"`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

/** A region code, as apps/organizations/src/graphql/inputs.ts (CODE) checks it (that file loads Nest, ESM-only here). */
const CODE = /^[a-z0-9][a-z0-9-]{0,63}$/;

const field = (value: ObjectValueNode, name: string): ValueNode | undefined =>
  value.fields.find((f) => f.name.value === name)?.value;

describe('README: where to begin', () => {
  it('keeps its first two commands, npm start and npm test, at the top', () => {
    const firstBlock = /```bash\n([\s\S]*?)```/.exec(readme)![1]!.trim().split('\n');
    expect(firstBlock.map((line) => line.split(/\s+#/)[0]!.trim())).toEqual(['npm start', 'npm test']);
    expect(readme.indexOf('```bash')).toBeLessThan(readme.indexOf('\n## '));
  });

  it('establishes the root committee first, then a district committee under it, regions as codes, valid against the schema', () => {
    const blocks = [...section('Where to begin').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const document = parse(blocks[0]!);
    expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);

    const inputs = document.definitions.map((definition) => {
      if (definition.kind !== Kind.OPERATION_DEFINITION) throw new Error('only operations');
      const selection = definition.selectionSet.selections[0]!;
      if (selection.kind !== Kind.FIELD || selection.name.value !== 'establishOrganization')
        throw new Error('each example establishes an organization');
      const input = selection.arguments!.find((a) => a.name.value === 'input')!.value as ObjectValueNode;
      return input;
    });
    expect(inputs.length).toBeGreaterThanOrEqual(2);
    const [rootInput, child] = inputs as [ObjectValueNode, ObjectValueNode];
    expect(field(rootInput, 'parentId')?.kind).toBe(Kind.NULL);
    expect(field(rootInput, 'organizationType')).toMatchObject({ kind: Kind.ENUM, value: 'Committee' });
    const rootRegion = field(rootInput, 'region') as ObjectValueNode;
    expect(rootRegion.fields.every((f) => f.value.kind === Kind.NULL)).toBe(true);
    expect(field(child, 'parentId')).toMatchObject({
      kind: Kind.STRING,
      value: (field(rootInput, 'organizationId') as { value: string }).value,
    });
    for (const input of inputs)
      for (const level of (field(input, 'region') as ObjectValueNode).fields)
        if (level.value.kind === Kind.STRING) expect(level.value.value).toMatch(CODE);
    expect((field(child, 'region') as ObjectValueNode).fields.some((f) => f.value.kind === Kind.STRING)).toBe(true);
  });
});

describe('README: regional co-building', () => {
  it('convenes a council with an example valid against the schema, regions as codes', () => {
    const blocks = [...section('Regional co-building').matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(1);
    const document = parse(blocks[0]!);
    expect(validate(apiSchema, document).map((e) => e.message)).toEqual([]);
    const selection = (document.definitions[0] as { selectionSet: { selections: readonly unknown[] } }).selectionSet
      .selections[0] as {
      name: { value: string };
      arguments: ReadonlyArray<{ name: { value: string }; value: ObjectValueNode }>;
    };
    expect(selection.name.value).toBe('conveneCouncil');
    const input = selection.arguments.find((a) => a.name.value === 'input')!.value;
    expect(field(input, 'street')).toMatchObject({ kind: Kind.STRING, value: expect.stringMatching(CODE) });
  });
});

describe('the organizations schema says where to begin', () => {
  const sdl = parse(read('apps/organizations/schema.graphql'));
  const input = (name: string) =>
    sdl.definitions.find(
      (d): d is InputObjectTypeDefinitionNode => d.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && d.name.value === name,
    )!;

  it('EstablishOrganizationInput: the first organization is the root committee, parentId null', () => {
    const establish = input('EstablishOrganizationInput');
    expect(establish.description?.value).toMatch(/root/);
    expect(establish.description?.value).toContain('organizationType: Committee');
    expect(establish.description?.value).toContain('parentId: null');
    const parentId = establish.fields!.find((f) => f.name.value === 'parentId')!;
    expect(parentId.description?.value).toMatch(/Null only for the root, the city committee/);
  });

  it('every region level, in RegionInput and as any argument of the API, is described as a code, with an example', () => {
    const region = input('RegionInput');
    expect(region.description?.value).toMatch(/codes, not names/);
    for (const level of region.fields!)
      expect({ field: level.name.value, description: level.description?.value }).toEqual({
        field: level.name.value,
        description: expect.stringMatching(/code such as `[a-z0-9-]+`/),
      });
    const regionArgs = Object.values(apiSchema.getQueryType()!.getFields()).flatMap((f) =>
      f.args
        .filter((a) => ['district', 'street', 'community'].includes(a.name))
        .map((a) => ({ query: f.name, arg: a.name, description: a.description })),
    );
    expect(regionArgs.length).toBeGreaterThan(0);
    for (const arg of regionArgs)
      expect(arg).toEqual({ ...arg, description: expect.stringMatching(/code such as `[a-z0-9-]+`/) });
  });
});

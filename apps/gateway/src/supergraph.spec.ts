import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SUBGRAPH_URLS, composeSupergraph } from './compose';

const root = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the committed supergraph', () => {
  it('is the composition of the committed subgraph schemas (run npm run supergraph:compose after a change)', () => {
    // every subgraph the gateway routes to (its default URLs, SUBGRAPH_URL_<NAME>)
    expect(Object.keys(DEFAULT_SUBGRAPH_URLS).sort()).toEqual(['members', 'organizations', 'projects']);
    expect(
      composeSupergraph(
        Object.fromEntries(
          Object.keys(DEFAULT_SUBGRAPH_URLS).map((name) => [name, read(`apps/${name}/schema.graphql`)]),
        ),
      ),
    ).toBe(read('apps/gateway/supergraph.graphql'));
  });

  it('refuses subgraphs that do not compose', () => {
    const broken = 'type Query { a: String } type Organization @key(fields: "id") { id: ID! }';
    const clash =
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"]) type Query { a: Int }';
    expect(() => composeSupergraph({ one: broken, two: clash })).toThrow(/composition failed/);
  });
});

import { buildSchema, parse, validate } from 'graphql';
import { TOO_MANY_ROOT_FIELDS, maxRootFieldsRule } from './limits';

const schema = buildSchema('type Query { a: Int, b: Int, c: Int, d: Int }');
const errorsOf = (query: string, max: number) =>
  validate(schema, parse(query), [maxRootFieldsRule(max)]).map((e) => ({ message: e.message, ...e.extensions }));

describe('maxRootFieldsRule', () => {
  it('counts the root fields of an operation, through fragments and aliases, and refuses more than the limit', () => {
    expect(errorsOf('{ a b c }', 3)).toEqual([]);
    expect(errorsOf('{ a b c d }', 3)).toEqual([
      { message: 'the operation selects 4 root fields; at most 3 are allowed', code: TOO_MANY_ROOT_FIELDS, limit: 3 },
    ]);
    expect(errorsOf('query { a ...F ... on Query { d } } fragment F on Query { b c }', 3)).toHaveLength(1);
    expect(errorsOf('{ x: a y: a z: a w: a }', 3)).toHaveLength(1);
    // __typename costs nothing
    expect(errorsOf('{ __typename a b c }', 3)).toEqual([]);
  });
});

import {
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
  type IntrospectionQuery,
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';
import { type Caller } from '@lianjian/auth';
import { type SubgraphClient } from './subgraph';

/**
 * The date and month inputs of a subgraph, found in its schema by the naming convention of both services: a String
 * field of an input type named `on`, `…On`, `…Date` or `since` (a calendar date), and one named `month`, `months`,
 * `…Month` or `effectiveFrom` (a month `YYYY-MM`). Each is probed by `probeDateInput`: a test that walks all of
 * them covers every date input a subgraph has, including the next one someone adds.
 */
export interface DateInput {
  /** The mutation that takes it, through its `input` argument. */
  readonly mutation: string;
  readonly inputType: string;
  /** Path inside `input`, as the error's `field` names it (`vote.heldOn`). */
  readonly path: string;
  readonly kind: 'date' | 'month';
  readonly list: boolean;
}

const isDateName = (name: string): boolean => /(On|Date)$/.test(name) || name === 'on' || name === 'since';
const isMonthName = (name: string): boolean => /^months?$|Month$/.test(name) || name === 'effectiveFrom';

export async function subgraphSchema(client: SubgraphClient, caller: Caller): Promise<GraphQLSchema> {
  const result = await client.gql<IntrospectionQuery>(caller, getIntrospectionQuery());
  if (!result.data) throw new Error(`introspection failed: ${JSON.stringify(result.errors)}`);
  return buildClientSchema(result.data);
}

export function dateInputsOf(schema: GraphQLSchema): DateInput[] {
  const found: DateInput[] = [];
  const walk = (mutation: string, type: GraphQLInputObjectType, prefix: string, seen: Set<string>): void => {
    if (seen.has(type.name)) return;
    for (const field of Object.values(type.getFields())) {
      const path = prefix ? `${prefix}.${field.name}` : field.name;
      const named = getNamedType(field.type);
      if (isInputObjectType(named)) walk(mutation, named, path, new Set([...seen, type.name]));
      if (!isScalarType(named) || named.name !== 'String') continue;
      const list = isListType(isNonNullType(field.type) ? field.type.ofType : field.type);
      if (isDateName(field.name)) found.push({ mutation, inputType: type.name, path, kind: 'date', list });
      else if (isMonthName(field.name)) found.push({ mutation, inputType: type.name, path, kind: 'month', list });
    }
  };
  for (const mutation of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const input = mutation.args.find((a) => a.name === 'input');
    const named = input ? getNamedType(input.type) : null;
    if (named && isInputObjectType(named)) walk(mutation.name, named, '', new Set());
  }
  return found;
}

/**
 * A value of every required field (any optional `commandId` is given a value that is not a UUID, so no probe ever
 * executes a command). The values need not be valid: the probe compares the violations with and without the date.
 */
function filler(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return filler(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = filler(field.type);
      else if (field.name === 'commandId') value[field.name] = 'not-a-uuid';
    }
    return value;
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 0;
    case 'Boolean':
      return false;
    default:
      return 'x';
  }
}

/**
 * The input with every input object on the way to the date filled in (a nullable one, such as a member's registration
 * nested in another command, is left out by `filler`, and a bare `{ date }` would fail its other required fields).
 */
function withObjectsOnPath(
  input: Record<string, unknown>,
  type: GraphQLInputType,
  path: string,
): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const named = getNamedType(type);
  if (!rest.length || !isInputObjectType(named)) return input;
  const fieldType = named.getFields()[head!]!.type;
  const nested = (input[head!] ?? filler(fieldType)) as Record<string, unknown>;
  return { ...input, [head!]: withObjectsOnPath(nested, fieldType, rest.join('.')) };
}

function withValue(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  const copy = { ...input };
  copy[head!] =
    rest.length === 0 ? value : withValue((copy[head!] ?? {}) as Record<string, unknown>, rest.join('.'), value);
  return copy;
}

export interface DateProbe {
  readonly code: unknown;
  /** Violations (`extensions.violations`) with the impossible value. */
  readonly refused: ReadonlyArray<{ field: string; constraints: string[] }>;
  /** Violations of the same input with a real date or month in its place. */
  readonly accepted: ReadonlyArray<{ field: string; constraints: string[] }>;
}

/** Sends the mutation twice: with `impossible` at the date's path, then with a real date or month there. */
export async function probeDateInput(
  client: SubgraphClient,
  caller: Caller,
  schema: GraphQLSchema,
  input: DateInput,
  impossible: string,
): Promise<DateProbe> {
  const mutation = schema.getMutationType()!.getFields()[input.mutation]!;
  const inputType = mutation.args.find((a) => a.name === 'input')!.type;
  const base = withObjectsOnPath(filler(inputType) as Record<string, unknown>, inputType, input.path);
  const real = input.kind === 'date' ? '2020-02-29' : '2026-12';
  const selection = isLeafType(getNamedType(mutation.type)) ? '' : ' { __typename }';
  const query = `mutation($input: ${String(inputType)}) { ${input.mutation}(input: $input)${selection} }`;
  const send = async (value: string) => {
    const result = await client.gql(caller, query, {
      input: withValue(base, input.path, input.list ? [value] : value),
    });
    const error = result.errors?.[0];
    return {
      code: error?.extensions?.['code'],
      violations: (error?.extensions?.['violations'] ?? []) as Array<{ field: string; constraints: string[] }>,
    };
  };
  const refused = await send(impossible);
  const accepted = await send(real);
  return { code: refused.code, refused: refused.violations, accepted: accepted.violations };
}

/** The message a subgraph gives for an impossible value at a date or month input (`@lianjian/api`'s validators). */
export const dateInputMessage = (input: DateInput): string =>
  `${input.list ? 'each value in ' : ''}${input.path.split('.').pop()} must be ${input.kind === 'date' ? 'a calendar date YYYY-MM-DD' : 'a month YYYY-MM'}`;

export interface DateRefusal {
  readonly at: string;
  readonly code: unknown;
  readonly refused: ReadonlyArray<{ field: string; constraints: string[] }>;
}

/** What a probe got at the input's own field: compare it with `expectedDateRefusal(input)`. */
export const dateRefusalOf = (probe: DateProbe, input: DateInput): DateRefusal => ({
  at: `${input.mutation}.${input.path}`,
  code: probe.code,
  refused: probe.refused.filter((v) => v.field === input.path),
});

/** The one refusal an impossible value must get: BAD_USER_INPUT, at that field, with the validator's message. */
export const expectedDateRefusal = (input: DateInput): DateRefusal => ({
  at: `${input.mutation}.${input.path}`,
  code: 'BAD_USER_INPUT',
  refused: [{ field: input.path, constraints: [dateInputMessage(input)] }],
});

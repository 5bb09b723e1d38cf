import { buildSchema, graphql } from 'graphql';
import { PUBLIC_SCHEMA } from './public-schema';
import { variableField } from './public-errors';

const SCHEMA = buildSchema(PUBLIC_SCHEMA);
const SUBMIT = `mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { receiptCode } }`;
const INPUT = { link: 'l', kind: 'Need', category: 'PublicServices', title: 't', description: 'd' };

/** The message graphql-js itself gives for the variables (the public endpoint's Apollo server passes it on). */
async function coercionMessage(variables: Record<string, unknown>): Promise<string> {
  const result = await graphql({ schema: SCHEMA, source: SUBMIT, variableValues: variables });
  expect(result.errors).toHaveLength(1);
  return result.errors![0]!.message;
}

describe('the field a refused variable names', () => {
  it.each<[Record<string, unknown>, string]>([
    [{ input: { ...INPUT, submitterKind: 'Unit' } }, 'submitterKind'],
    [{ input: { ...INPUT, kind: 'Complaint' } }, 'kind'],
    [{ input: { ...INPUT, unitId: 'u-bank' } }, 'unitId'],
    [{ input: { ...INPUT, contact: { name: 'x', phone: 13812345678 } } }, 'contact.phone'],
    [{ input: { ...INPUT, contact: { email: 'x@example.com' } } }, 'contact.email'],
    [{ input: { link: 'l', kind: 'Need', category: 'PublicServices', description: 'd' } }, 'title'],
    [{ input: 'not an object' }, 'input'],
    [{}, 'input'],
  ])('%j → %s', async (variables, field) => {
    expect(variableField(await coercionMessage(variables))).toBe(field);
  });

  it('is null for what is not a variable coercion error', () => {
    expect(variableField('Cannot query field "council" on type "Query".')).toBeNull();
  });
});

import { type Caller, CALLER_HEADER, signInternalToken } from '@lianjian/auth';

export interface GraphQLResponse<T = Record<string, unknown>> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** Calls a subgraph directly, as the gateway would: the caller travels as a token signed with the shared secret. */
export class SubgraphClient {
  constructor(
    readonly url: string,
    private readonly secret: string,
  ) {}

  async gql<T = Record<string, unknown>>(
    caller: Caller | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<GraphQLResponse<T>> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (caller) headers[CALLER_HEADER] = await signInternalToken(caller, this.secret);
    const response = await fetch(this.url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
    return (await response.json()) as GraphQLResponse<T>;
  }

  /** Data of a response that must have succeeded. */
  async ok<T = Record<string, unknown>>(
    caller: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const result = await this.gql<T>(caller, query, variables);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** The code, field and message of a response that must have failed. */
  async code(
    caller: Caller,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<{ code: unknown; field: unknown; message: string }> {
    const result = await this.gql(caller, query, variables);
    const error = result.errors?.[0];
    if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
    return { code: error.extensions?.['code'], field: error.extensions?.['field'], message: error.message };
  }
}

export const testCaller = (role: Caller['role'], extra: Partial<Caller> = {}): Caller => ({
  subject: `${role.toLowerCase()}-1`,
  role,
  district: null,
  organizationId: null,
  memberId: null,
  ...extra,
});

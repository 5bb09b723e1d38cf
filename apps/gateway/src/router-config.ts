import { createPublicKey } from 'node:crypto';
import {
  CALLER_HEADER,
  CORRELATION_ID_HEADER,
  INTERNAL_AUDIENCE,
  INTERNAL_ISSUER,
  REQUEST_ID_HEADER,
} from '@lianjian/auth';
import { type LogLevel } from '@lianjian/config';
import { DEFAULT_PAGE } from '@lianjian/api/paging';
import { type GatewaySettings } from './settings';

/**
 * Hive Router's configuration (a Rust federation router, docs/adr/0019) from the gateway's settings: the same
 * checks as every gateway of the benchmark — the user's JWT verified, the caller passed to the subgraphs in the
 * signed caller header, depth, alias and cost limits — written as the JSON file the router reads
 * (`ROUTER_CONFIG_FILE_PATH`). Paths are absolute: the router resolves relative ones against the file's folder.
 * The router is our build of it (tools/router/lianjian-router), with the plugin {@link LIMITS_PLUGIN}.
 */
export interface RouterFiles {
  /** The supergraph with this deployment's subgraph URLs. */
  readonly supergraph: string;
  /** A JWKS file of the keys user tokens are verified with; null when they come from `userTokens.jwksUrl`. */
  readonly jwks: string | null;
}

/**
 * Our router plugin (tools/router/lianjian-router): the router's depth, alias, directive, token and cost refusals keep
 * their codes and say the limit, in the message and as `extensions.limit`. Enabled in every mode; a router binary
 * without it refuses to start on this configuration ("not registered in the registry").
 */
export const LIMITS_PLUGIN = 'lianjian_limits';

/** How long the caller token a subgraph call carries lives: minted per minute, valid for two. */
const CALLER_TOKEN_WINDOW_SECONDS = 60;

/** How early a token's `iat` may be against the router's clock (clock skew between the identity provider and us). */
const CLOCK_SKEW_SECONDS = 60;

/**
 * The signed caller header, in VRL (the router's expression language): an HS256 token of the verified user's
 * Lianjian claims, issued by the gateway for the subgraphs, exactly what `verifyInternalToken` accepts. Its issue
 * time is the start of the current minute, so identical subgraph calls within a minute stay identical and the
 * router can deduplicate them in flight.
 *
 * The router has verified the signature, `exp` (required), issuer and audience. Two rules it has no setting for are
 * checked here: `iat` is required and not in the future, and the token lives at most `maxLifetimeSeconds`. A token
 * that breaks one still gets a caller token, carrying the refusal (a stable code and the rule), which every subgraph
 * answers with that code before resolving anything (`callerFromClaims`).
 */
export function callerTokenExpression(maxLifetimeSeconds: number): string {
  return `
if .request.jwt.authenticated != true { null } else {
  claims = object!(.request.jwt.claims)
  now_s = to_unix_timestamp(now())
  issued = now_s - mod(now_s, ${CALLER_TOKEN_WINDOW_SECONDS})
  iat = to_int(claims.iat) ?? -1
  exp = to_int(claims.exp) ?? -1
  refusal = if iat < 0 {
    {"code": "TOKEN_LIFETIME_TOO_LONG", "message": "the token has no iat (issued at) claim, so its lifetime is unknown; tokens may live at most ${maxLifetimeSeconds} s"}
  } else if iat > now_s + ${CLOCK_SKEW_SECONDS} {
    {"code": "TOKEN_ISSUED_IN_FUTURE", "message": "the token's iat (issued at) is in the future"}
  } else if exp - iat > ${maxLifetimeSeconds} {
    {"code": "TOKEN_LIFETIME_TOO_LONG", "message": "the token lives " + to_string(exp - iat) + " s; tokens may live at most ${maxLifetimeSeconds} s"}
  } else { null }
  payload = compact({
    "sub": claims.sub,
    "role": claims.role,
    "district": claims.district,
    "organizationId": claims.organizationId,
    "memberId": claims.memberId,
    "refusal": refusal,
    "iss": "${INTERNAL_ISSUER}",
    "aud": "${INTERNAL_AUDIENCE}",
    "iat": issued,
    "exp": issued + ${2 * CALLER_TOKEN_WINDOW_SECONDS}
  })
  signed = encode_base64(encode_json({"alg": "HS256", "typ": "JWT"}), padding: false, charset: "url_safe") + "." +
    encode_base64(encode_json(payload), padding: false, charset: "url_safe")
  signed + "." + encode_base64(hmac(signed, string!(env("GATEWAY_SUBGRAPH_SECRET"))), padding: false, charset: "url_safe")
}
`.trim();
}

/** The JWKS the router verifies user tokens with, from the gateway's settings (null: a remote JWKS URL). */
export function userTokenJwks(settings: Pick<GatewaySettings, 'userTokens'>): { keys: unknown[] } | null {
  const { secret, publicKeyPem, jwks } = settings.userTokens;
  if (jwks) return jwks;
  if (publicKeyPem) {
    const key = createPublicKey(publicKeyPem).export({ format: 'jwk' });
    return { keys: [{ ...key, alg: 'RS256', use: 'sig' }] };
  }
  if (secret) return { keys: [{ kty: 'oct', alg: 'HS256', use: 'sig', k: Buffer.from(secret).toString('base64url') }] };
  return null;
}

/**
 * The client's correlation id (`x-correlation-id`, else `x-request-id`), for every subgraph call of the operation
 * and echoed in the answer. The router's own request line carries it as `request_id` (docs/adr/0018).
 */
const CLIENT_CORRELATION_ID = `.request.headers."${CORRELATION_ID_HEADER}" || .request.headers."${REQUEST_ID_HEADER}" || null`;

/** The router logs at debug, info, warn or error. */
const ROUTER_LOG_LEVELS: Readonly<Record<LogLevel, 'debug' | 'info' | 'warn' | 'error'>> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  warn: 'warn',
  error: 'error',
  fatal: 'error',
  silent: 'error',
};

export function routerConfig(settings: GatewaySettings, files: RouterFiles): Record<string, unknown> {
  const { userTokens } = settings;
  return {
    supergraph: { source: 'file', path: files.supergraph },
    http: { host: settings.host, port: settings.port, graphql_endpoint: '/graphql' },
    // JSON lines; one summary line per request (`router::request`) whose request_id is the client's correlation id
    log: {
      level: ROUTER_LOG_LEVELS[settings.logLevel],
      format: 'json',
      correlation: { id_header: CORRELATION_ID_HEADER, trace_propagation: false },
    },
    laboratory: { enabled: settings.mode === 'development' },
    // the subgraphs' errors are the API (a stable code, the field at fault, the rule); they mask their own internal
    // errors ("Unexpected error."), so the router passes them on as they are
    error_masking: { enabled: false },
    jwt: {
      enabled: true,
      require_authentication: true,
      jwks_providers: files.jwks
        ? [{ source: 'file', path: files.jwks }]
        : [{ source: 'remote', url: userTokens.jwksUrl, prefetch: true }],
      allowed_algorithms: userTokens.secret ? ['HS256'] : ['RS256', 'ES256', 'PS256', 'EdDSA'],
      issuers: [userTokens.issuer],
      audiences: [userTokens.audience],
    },
    headers: {
      all: {
        request: [
          { insert: { name: CORRELATION_ID_HEADER, expression: CLIENT_CORRELATION_ID } },
          { insert: { name: CALLER_HEADER, expression: callerTokenExpression(settings.maxTokenLifetimeSeconds) } },
        ],
        response: [{ insert: { name: CORRELATION_ID_HEADER, expression: CLIENT_CORRELATION_ID, algorithm: 'first' } }],
      },
    },
    // browsers: only the configured origins' pages, without credentials (the API takes bearer tokens, not cookies)
    cors:
      settings.corsAllowedOrigins.length === 0
        ? { enabled: false, policies: [] }
        : {
            enabled: true,
            allow_any_origin: false,
            allow_credentials: false,
            policies: [{ origins: [...settings.corsAllowedOrigins] }],
            methods: ['GET', 'POST', 'OPTIONS'],
            allow_headers: ['content-type', 'authorization', CORRELATION_ID_HEADER, REQUEST_ID_HEADER],
            expose_headers: [CORRELATION_ID_HEADER],
            max_age: 600,
          },
    // registered operations by id (`documentId` or `extensions.persistedQuery.sha256Hash`); in production nothing else
    persisted_documents: {
      enabled: true,
      require_id: settings.mode === 'production',
      storage: { type: 'file', path: settings.persistedDocumentsFile, watch: false },
    },
    limits: {
      max_depth: { n: settings.maxDepth, ignore_introspection: true },
      max_aliases: { n: settings.maxAliases },
      max_request_body_size: '1MB',
    },
    // a list field's cost is the page size a client gets when it asks for none (fields without @listSize)
    demand_control: {
      enabled: true,
      default_list_size: { all: DEFAULT_PAGE },
      // the limit and the operation's estimate also go back as X-Cost-Max / X-Cost-Estimated (the refusal's message
      // and `extensions.limit` carry the limit, not the estimate)
      operation_cost: { max: settings.maxCost, mode: 'enforce', expose_headers: { max: true, estimated: true } },
      subgraphs_budget: { mode: 'measure' },
    },
    // the limits above named in their refusals (it reads them from this configuration)
    plugins: { [LIMITS_PLUGIN]: { enabled: true } },
  };
}

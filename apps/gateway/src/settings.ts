import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type UserTokenKeys } from '@lianjian/auth';
import { type LogLevel, logLevel, parseEnv } from '@lianjian/config';
import { DEFAULT_SUBGRAPH_URLS } from './compose';

export interface GatewaySettings {
  readonly port: number;
  readonly host: string;
  readonly supergraphFile: string;
  /** Subgraph name → URL, overriding the composed defaults (SUBGRAPH_URL_<NAME>). */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly userTokens: UserTokenKeys;
  /** The longest a user token may live (`exp` − `iat`), in seconds; longer ones are refused. */
  readonly maxTokenLifetimeSeconds: number;
  readonly subgraphSecret: string;
  readonly maxDepth: number;
  readonly maxCost: number;
  /** Aliases per operation (each alias is another resolver run: 500 aliases of one field are 500 calls). */
  readonly maxAliases: number;
  /**
   * `production` (the default): only the persisted documents run, and there is no GraphQL IDE; `development` (the
   * local run): any document runs, and the IDE is served.
   */
  readonly mode: 'development' | 'production';
  /**
   * The browser origins (scheme://host[:port]) whose pages may call the gateway (CORS_ALLOWED_ORIGINS, comma-separated);
   * none by default: the gateway then sends no CORS headers and browsers keep other sites' pages out.
   */
  readonly corsAllowedOrigins: readonly string[];
  /** The registered operations (apps/gateway/persisted-documents.json). */
  readonly persistedDocumentsFile: string;
  /** The least severe log level written (JSON lines on stdout; docs/adr/0018). */
  readonly logLevel: LogLevel;
}

export function gatewaySettingsFromEnv(env: NodeJS.ProcessEnv = process.env): GatewaySettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const subgraphUrls = Object.fromEntries(
    Object.keys(DEFAULT_SUBGRAPH_URLS).map((name) => [
      name,
      env[`SUBGRAPH_URL_${name.toUpperCase()}`] ?? DEFAULT_SUBGRAPH_URLS[name]!,
    ]),
  );
  const publicKeyFile = env['JWT_PUBLIC_KEY_FILE'];
  const jwksFile = env['JWT_JWKS_FILE'];
  const userTokens: UserTokenKeys = {
    issuer: env['JWT_ISSUER'] ?? 'lianjian',
    audience: env['JWT_AUDIENCE'] ?? 'lianjian-api',
    ...(env['JWT_SECRET'] ? { secret: env['JWT_SECRET'] } : {}),
    ...(publicKeyFile ? { publicKeyPem: readFileSync(publicKeyFile, 'utf8') } : {}),
    ...(jwksFile ? { jwks: JSON.parse(readFileSync(jwksFile, 'utf8')) as { keys: unknown[] } } : {}),
    ...(env['JWT_JWKS_URL'] ? { jwksUrl: env['JWT_JWKS_URL'] } : {}),
  };
  if (!userTokens.secret && !userTokens.publicKeyPem && !userTokens.jwks && !userTokens.jwksUrl) {
    throw new Error('set one of JWT_SECRET, JWT_PUBLIC_KEY_FILE, JWT_JWKS_FILE or JWT_JWKS_URL to verify user tokens');
  }
  const parsed = parseEnv(
    z.object({
      LOG_LEVEL: logLevel('info'),
      GATEWAY_MODE: z.enum(['development', 'production']).default('production'),
      CORS_ALLOWED_ORIGINS: z
        .string()
        .default('')
        .transform((list) =>
          list
            .split(',')
            .map((origin) => origin.trim())
            .filter(Boolean),
        )
        .pipe(z.array(z.url().regex(/^https?:\/\/[^/]+$/, 'an origin is scheme://host[:port], with no path'))),
      JWT_MAX_LIFETIME_SECONDS: z.coerce
        .number()
        .int()
        .positive()
        .default(24 * 60 * 60),
    }),
    env,
  );
  return {
    port: Number(env['PORT'] ?? 4000),
    host: env['HOST'] ?? '0.0.0.0',
    supergraphFile: env['SUPERGRAPH_FILE'] ?? path.join(__dirname, '../supergraph.graphql'),
    subgraphUrls,
    userTokens,
    maxTokenLifetimeSeconds: parsed.JWT_MAX_LIFETIME_SECONDS,
    corsAllowedOrigins: parsed.CORS_ALLOWED_ORIGINS,
    subgraphSecret: required('GATEWAY_SUBGRAPH_SECRET'),
    maxDepth: Number(env['MAX_QUERY_DEPTH'] ?? 12),
    maxCost: Number(env['MAX_QUERY_COST'] ?? 20_000),
    maxAliases: Number(env['MAX_QUERY_ALIASES'] ?? 30),
    logLevel: parsed.LOG_LEVEL,
    mode: parsed.GATEWAY_MODE,
    persistedDocumentsFile: env['PERSISTED_DOCUMENTS_FILE'] ?? path.join(__dirname, '../persisted-documents.json'),
  };
}

/** The committed supergraph, with each subgraph's URL for this deployment. */
export function loadSupergraph(settings: GatewaySettings): string {
  let sdl = readFileSync(settings.supergraphFile, 'utf8');
  for (const [name, url] of Object.entries(settings.subgraphUrls)) {
    const composed = DEFAULT_SUBGRAPH_URLS[name];
    if (composed) sdl = sdl.split(`"${composed}"`).join(`"${url}"`);
  }
  return sdl;
}

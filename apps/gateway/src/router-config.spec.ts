import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CALLER_HEADER, INTERNAL_AUDIENCE, INTERNAL_ISSUER } from '@lianjian/auth';
import { DEFAULT_PAGE } from '@lianjian/api/paging';
import { LIMITS_PLUGIN, callerTokenExpression, routerConfig, userTokenJwks } from './router-config';
import { gatewaySettingsFromEnv } from './settings';

const env = { GATEWAY_SUBGRAPH_SECRET: 'subgraph-secret', JWT_SECRET: 'user-secret', PORT: '4100', HOST: '127.0.0.1' };

describe('Hive Router configuration from the gateway settings', () => {
  it('requires a verified user token with the configured issuer and audience, and signs the caller for the subgraphs', () => {
    const settings = gatewaySettingsFromEnv({ ...env, JWT_ISSUER: 'city-idp', JWT_AUDIENCE: 'city-api' });
    const config = routerConfig(settings, { supergraph: '/run/supergraph.graphql', jwks: '/run/jwks.json' });
    expect(config).toMatchObject({
      supergraph: { source: 'file', path: '/run/supergraph.graphql' },
      http: { host: '127.0.0.1', port: 4100 },
      laboratory: { enabled: false },
      persisted_documents: { enabled: true, require_id: true, storage: { path: settings.persistedDocumentsFile } },
      jwt: {
        enabled: true,
        require_authentication: true,
        jwks_providers: [{ source: 'file', path: '/run/jwks.json' }],
        allowed_algorithms: ['HS256'],
        issuers: ['city-idp'],
        audiences: ['city-api'],
      },
      limits: { max_depth: { n: settings.maxDepth }, max_aliases: { n: settings.maxAliases } },
      demand_control: {
        enabled: true,
        operation_cost: { max: settings.maxCost, mode: 'enforce' },
        default_list_size: { all: DEFAULT_PAGE },
      },
      // our plugin (tools/router/lianjian-router) names the limit in the refusals
      plugins: { [LIMITS_PLUGIN]: { enabled: true } },
      log: { format: 'json', correlation: { id_header: 'x-correlation-id' } },
    });
    const rules = (config['headers'] as { all: { request: Array<{ insert?: { name: string; expression: string } }> } })
      .all.request;
    const expression = rules.find((r) => r.insert?.name === CALLER_HEADER)?.insert?.expression;
    expect(expression).toBe(callerTokenExpression(24 * 60 * 60));
    // what verifyInternalToken checks: issued by the gateway for the subgraphs, HS256 with the subgraph secret
    expect(expression).toContain(`"iss": "${INTERNAL_ISSUER}"`);
    expect(expression).toContain(`"aud": "${INTERNAL_AUDIENCE}"`);
    expect(expression).toContain('env("GATEWAY_SUBGRAPH_SECRET")');
    // the lifetime rule with the configured maximum
    const short = routerConfig(gatewaySettingsFromEnv({ ...env, JWT_MAX_LIFETIME_SECONDS: '3600' }), {
      supergraph: '/s',
      jwks: '/k',
    });
    expect(JSON.stringify(short)).toContain('exp - iat > 3600');
    // the secret itself is never in the configuration file
    expect(JSON.stringify(config)).not.toContain('subgraph-secret');
    expect(JSON.stringify(config)).not.toContain('user-secret');
  });

  it('enables our router plugin by the name the router build registers it under', () => {
    const plugin = readFileSync(
      path.join(__dirname, '../../../tools/router/lianjian-router/src/limits_plugin.rs'),
      'utf8',
    );
    expect(/fn plugin_name\(\) -> &'static str \{\s*"([^"]+)"/.exec(plugin)?.[1]).toBe(LIMITS_PLUGIN);
  });

  it('runs any document and serves the IDE in development mode only', () => {
    const development = routerConfig(gatewaySettingsFromEnv({ ...env, GATEWAY_MODE: 'development' }), {
      supergraph: '/s',
      jwks: '/k',
    });
    expect(development).toMatchObject({ laboratory: { enabled: true }, persisted_documents: { require_id: false } });
    expect(() => gatewaySettingsFromEnv({ ...env, GATEWAY_MODE: 'staging' })).toThrow(/GATEWAY_MODE/);
  });

  it('allows browsers from the configured origins only, without credentials; none by default', () => {
    expect(routerConfig(gatewaySettingsFromEnv(env), { supergraph: '/s', jwks: '/k' })['cors']).toEqual({
      enabled: false,
      policies: [],
    });
    const origins = 'https://admin.lianjian.example, http://localhost:5173';
    const allowed = routerConfig(gatewaySettingsFromEnv({ ...env, CORS_ALLOWED_ORIGINS: origins }), {
      supergraph: '/s',
      jwks: '/k',
    });
    expect(allowed['cors']).toMatchObject({
      enabled: true,
      allow_any_origin: false,
      allow_credentials: false,
      policies: [{ origins: ['https://admin.lianjian.example', 'http://localhost:5173'] }],
    });
    expect(() => gatewaySettingsFromEnv({ ...env, CORS_ALLOWED_ORIGINS: 'https://admin.example/app' })).toThrow(
      /CORS_ALLOWED_ORIGINS/,
    );
    expect(() => gatewaySettingsFromEnv({ ...env, CORS_ALLOWED_ORIGINS: '*' })).toThrow(/CORS_ALLOWED_ORIGINS/);
  });

  it('turns each kind of user-token key into the JWKS the router reads', () => {
    const hs = userTokenJwks(gatewaySettingsFromEnv(env));
    expect(hs).toEqual({
      keys: [{ kty: 'oct', alg: 'HS256', use: 'sig', k: Buffer.from('user-secret').toString('base64url') }],
    });

    const dir = mkdtempSync(path.join(os.tmpdir(), 'router-config-'));
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = path.join(dir, 'public.pem');
    writeFileSync(pem, publicKey.export({ type: 'spki', format: 'pem' }));
    const { JWT_SECRET: _unused, ...withoutSecret } = env;
    const rs = userTokenJwks(gatewaySettingsFromEnv({ ...withoutSecret, JWT_PUBLIC_KEY_FILE: pem }));
    expect(rs?.keys).toEqual([expect.objectContaining({ kty: 'RSA', alg: 'RS256', n: expect.any(String), e: 'AQAB' })]);

    const remote = gatewaySettingsFromEnv({ ...withoutSecret, JWT_JWKS_URL: 'https://idp.example/jwks.json' });
    expect(userTokenJwks(remote)).toBeNull();
    expect(routerConfig(remote, { supergraph: '/s', jwks: null })).toMatchObject({
      jwt: {
        jwks_providers: [{ source: 'remote', url: 'https://idp.example/jwks.json' }],
        allowed_algorithms: ['RS256', 'ES256', 'PS256', 'EdDSA'],
      },
    });
  });
});

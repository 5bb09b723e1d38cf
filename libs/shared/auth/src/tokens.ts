import { SignJWT, createLocalJWKSet, createRemoteJWKSet, importSPKI, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AuthError, type Caller, callerFromClaims, callerToClaims } from './caller';

export const INTERNAL_ISSUER = 'lianjian-gateway';
export const INTERNAL_AUDIENCE = 'lianjian-subgraphs';

/** How the gateway checks user tokens: a shared secret (HS256), a PEM public key, or a JWKS (file or URL). */
export interface UserTokenKeys {
  readonly issuer: string;
  readonly audience: string;
  readonly secret?: string;
  readonly publicKeyPem?: string;
  readonly jwks?: { keys: unknown[] };
  readonly jwksUrl?: string;
}

type VerifyKey = Uint8Array | Awaited<ReturnType<typeof importSPKI>> | JWTVerifyGetKey;

async function verificationKey(keys: UserTokenKeys): Promise<VerifyKey> {
  if (keys.jwksUrl) return createRemoteJWKSet(new URL(keys.jwksUrl));
  if (keys.jwks) return createLocalJWKSet(keys.jwks as Parameters<typeof createLocalJWKSet>[0]);
  if (keys.publicKeyPem) return importSPKI(keys.publicKeyPem, 'RS256');
  if (keys.secret) return new TextEncoder().encode(keys.secret);
  throw new Error('no key configured to verify user tokens');
}

export function userTokenVerifier(keys: UserTokenKeys): (token: string) => Promise<Caller> {
  const key = verificationKey(keys);
  return async (token) => {
    try {
      const resolved = await key;
      const { payload } =
        typeof resolved === 'function'
          ? await jwtVerify(token, resolved, { issuer: keys.issuer, audience: keys.audience })
          : await jwtVerify(token, resolved, { issuer: keys.issuer, audience: keys.audience });
      return callerFromClaims(payload);
    } catch (error) {
      if (error instanceof AuthError) throw error;
      throw new AuthError(
        'UNAUTHENTICATED',
        `invalid token: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
}

/** Issues a user token signed with a shared secret: for the local run's development token and for tests. */
export async function signUserToken(
  caller: Caller,
  keys: { issuer: string; audience: string; secret: string },
  ttl = '12h',
): Promise<string> {
  return new SignJWT(callerToClaims(caller))
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setIssuer(keys.issuer)
    .setAudience(keys.audience)
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(keys.secret));
}

/** The header in which the gateway passes the verified caller to subgraphs. */
export const CALLER_HEADER = 'x-lianjian-caller';

/** Gateway → subgraph: the verified caller, signed with the secret only the gateway and subgraphs share. */
export async function signInternalToken(caller: Caller, secret: string): Promise<string> {
  return new SignJWT(callerToClaims(caller))
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setIssuer(INTERNAL_ISSUER)
    .setAudience(INTERNAL_AUDIENCE)
    .setExpirationTime('2m')
    .sign(new TextEncoder().encode(secret));
}

/** Subgraphs accept only calls that carry a caller the gateway signed. */
export async function verifyInternalToken(token: string | undefined, secret: string): Promise<Caller> {
  if (!token) throw new AuthError('UNAUTHENTICATED', 'calls must come through the gateway');
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
    });
    return callerFromClaims(payload);
  } catch (error) {
    if (error instanceof AuthError) throw error;
    throw new AuthError('UNAUTHENTICATED', 'calls must come through the gateway');
  }
}

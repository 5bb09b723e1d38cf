/** Who is calling, as the gateway established it from the user's token. */
export const ROLES = ['CITY_ADMIN', 'DISTRICT_ADMIN', 'ORGANIZATION_ADMIN', 'MEMBER', 'ANALYTICS_READER'] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  readonly subject: string;
  readonly role: Role;
  /** DISTRICT_ADMIN: their district. ANALYTICS_READER: optional, limits reading to one district. */
  readonly district: string | null;
  /** ORGANIZATION_ADMIN: root of the subtree they manage. MEMBER: their own organization. */
  readonly organizationId: string | null;
  /** MEMBER: themself. */
  readonly memberId: string | null;
}

/** Tokens the gateway verified but refuses by a rule of ours (docs/adr/0007): the caller token says which. */
export const TOKEN_REFUSALS = ['TOKEN_LIFETIME_TOO_LONG', 'TOKEN_ISSUED_IN_FUTURE'] as const;
export type TokenRefusal = (typeof TOKEN_REFUSALS)[number];

export class AuthError extends Error {
  constructor(
    readonly code: 'UNAUTHENTICATED' | 'FORBIDDEN' | TokenRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

/** Reads and checks the Lianjian claims of a verified token payload. */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const refusal = claims['refusal'] as { code?: unknown; message?: unknown } | undefined;
  if (refusal !== undefined) {
    const code = (TOKEN_REFUSALS as readonly unknown[]).includes(refusal?.code) ? (refusal.code as TokenRefusal) : null;
    throw new AuthError(code ?? 'UNAUTHENTICATED', typeof refusal?.message === 'string' ? refusal.message : 'refused');
  }
  const role = claims['role'];
  const subject = claims['sub'];
  if (typeof subject !== 'string' || !subject) throw new AuthError('UNAUTHENTICATED', 'the token has no subject');
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
    throw new AuthError('UNAUTHENTICATED', `the token's role is not one of ${ROLES.join(', ')}`);
  }
  const text = (name: string): string | null => {
    const value = claims[name];
    return typeof value === 'string' && value ? value : null;
  };
  const caller: Caller = {
    subject,
    role: role as Role,
    district: text('district'),
    organizationId: text('organizationId'),
    memberId: text('memberId'),
  };
  if (caller.role === 'DISTRICT_ADMIN' && !caller.district)
    throw new AuthError('UNAUTHENTICATED', 'a district admin token needs a district');
  if (caller.role === 'ORGANIZATION_ADMIN' && !caller.organizationId) {
    throw new AuthError('UNAUTHENTICATED', 'an organization admin token needs an organizationId');
  }
  if (caller.role === 'MEMBER' && !caller.memberId)
    throw new AuthError('UNAUTHENTICATED', 'a member token needs a memberId');
  return caller;
}

export function callerToClaims(caller: Caller): Record<string, string> {
  const claims: Record<string, string> = { sub: caller.subject, role: caller.role };
  if (caller.district) claims['district'] = caller.district;
  if (caller.organizationId) claims['organizationId'] = caller.organizationId;
  if (caller.memberId) claims['memberId'] = caller.memberId;
  return claims;
}

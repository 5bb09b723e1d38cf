import { AuthError, callerFromClaims } from './caller';

describe('callerFromClaims', () => {
  const claims = { sub: 'hp-admin', role: 'DISTRICT_ADMIN', district: 'huangpu' };

  it('reads the caller of a valid token', () => {
    expect(callerFromClaims(claims)).toEqual({
      subject: 'hp-admin',
      role: 'DISTRICT_ADMIN',
      district: 'huangpu',
      organizationId: null,
      memberId: null,
    });
  });

  it("answers a gateway's refusal with its code and rule, whatever else the token says", () => {
    const refused = () =>
      callerFromClaims({ ...claims, refusal: { code: 'TOKEN_LIFETIME_TOO_LONG', message: 'at most 86400 s' } });
    expect(refused).toThrow(new AuthError('TOKEN_LIFETIME_TOO_LONG', 'at most 86400 s'));
    expect(() => callerFromClaims({ ...claims, refusal: { code: 'TOKEN_ISSUED_IN_FUTURE', message: 'x' } })).toThrow(
      expect.objectContaining({ code: 'TOKEN_ISSUED_IN_FUTURE' }),
    );
    // a refusal of an unknown kind is still a refusal
    expect(() => callerFromClaims({ ...claims, refusal: { code: 'ANYTHING' } })).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
  });
});

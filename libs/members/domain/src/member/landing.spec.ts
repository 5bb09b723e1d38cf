import { evolveMember } from './state';
import { type LandTransfer } from './landing';
import { given, refusal, register, today, when } from './member.fixtures';

const land = (overrides: Partial<LandTransfer> = {}): LandTransfer => ({
  kind: 'LandTransfer',
  transferId: 't-1',
  cause: 'Transfer',
  scope: 'AcrossDistricts',
  fromOrganizationId: 'b-1',
  fromDistrict: 'huangpu',
  toOrganizationId: 'b-2',
  toDistrict: 'jingan',
  transferredOn: today,
  today,
  ...overrides,
});

describe('a member landing where their relationship moved (MemberTransferred)', () => {
  const full = () => given(register({ joinedOn: '2010-07-01', fullMembershipOn: '2011-07-01' }));

  it('moves the member to the receiving branch, once per transfer, still counted', () => {
    const events = when(full(), land());
    expect(events).toEqual([
      {
        type: 'MemberTransferred',
        data: expect.objectContaining({ organizationId: 'b-2', transferId: 't-1', counted: true }),
      },
    ]);
    const landed = events.reduce((s, e) => evolveMember(s, e), full() as ReturnType<typeof full> | null)!;
    expect(landed).toMatchObject({ organizationId: 'b-2', transferIds: ['t-1'] });
    expect(when(landed, land())).toEqual([]); // a landing repeated after a crash lands once
  });

  it('refuses a member who is no longer in the sending branch, or whose membership ended', () => {
    expect(refusal(full(), land({ fromOrganizationId: 'b-9' }))).toMatchObject({
      code: 'TRANSFER_MEMBER_ELSEWHERE',
      field: 'memberId',
    });
    expect(refusal(full(), land({ transferredOn: '2026-12-01' }))).toMatchObject({ code: 'DATE_IN_FUTURE' });
  });

  it('ends the relationship out of the city (not counted any more) and revives it coming back', () => {
    const out = when(full(), land({ toOrganizationId: null, toDistrict: null, scope: 'OutOfCity' }));
    expect(out.map((e) => e.type)).toEqual(['MemberTransferred', 'MemberCountChanged']);
    expect(out[0]!.data).toMatchObject({ organizationId: 'b-1', counted: false });
    const left = out.reduce((s, e) => evolveMember(s, e), full() as ReturnType<typeof full> | null)!;
    expect(left.status).toBe('TransferredOut');
    // back into the city, to another branch: a new transfer revives the member there, counted again
    const back = when(
      left,
      land({ transferId: 't-2', scope: 'IntoCity', fromOrganizationId: null, fromDistrict: null }),
    );
    expect(back.map((e) => e.type)).toEqual(['MemberTransferred', 'MemberCountChanged']);
    expect(back.reduce((s, e) => evolveMember(s, e), left as typeof left | null)).toMatchObject({
      status: 'Normal',
      organizationId: 'b-2',
    });
    // into the city, a member still here belongs elsewhere
    expect(
      refusal(
        full(),
        land({ transferId: 't-3', scope: 'IntoCity', fromOrganizationId: null, toOrganizationId: 'b-7' }),
      ),
    ).toMatchObject({ code: 'TRANSFER_MEMBER_ELSEWHERE' });
    // moving with their organization: same branch, another district
    expect(
      when(full(), land({ transferId: 'org-e1', cause: 'OrganizationMoved', toOrganizationId: 'b-1' }))[0]!.data,
    ).toMatchObject({
      organizationId: 'b-1',
      fromDistrict: 'huangpu',
      toDistrict: 'jingan',
      cause: 'OrganizationMoved',
    });
  });
});

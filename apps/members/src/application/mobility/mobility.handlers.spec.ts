import { AuthError } from '@lianjian/auth';
import { communityRegistrationStreamId, mobilityStreamId } from '@lianjian/members-contracts';
import { testCaller } from '@lianjian/testing';
import { loadMemberRules } from '../../settings';
import { registerFullMember } from '../../testing/in-memory-ports';
import { mobilityTestWorld } from '../../testing/in-memory-mobility';

// Mobility and community registration on in-memory ports: who may act, the rules through the application, what is
// appended (sealed), the lists the projection keeps, and lost contact on the member stream.
const CITY = testCaller('CITY_ADMIN');
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const B2_ADMIN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'b-2' });
const ANALYTICS = testCaller('ANALYTICS_READER');
const rules = loadMemberRules(null);
const PHONE = '13912345678';
const ADDRESS = '苏州市工业园区星湖街328号';
const page = { first: 50, after: null };

async function world() {
  const w = mobilityTestWorld(rules, '2026-06-15');
  w.organizations.add({ _id: 'c-xh', name: '徐汇某居民区党总支', type: 'GeneralBranch', parentId: 'xuhui' });
  const member = await registerFullMember(w, 11);
  return { w, member };
}

describe('mobility handlers', () => {
  it("registers a flow-out by the member's district or branch, sealed, and refuses another district and a second flow-out", async () => {
    const { w, member } = await world();
    const input = {
      memberId: member._id,
      destination: '江苏省苏州市',
      outsideHostName: '苏州某公司党支部',
      from: '2026-05-01',
      until: '2026-10-31',
      contact: { phone: PHONE, address: ADDRESS },
    };
    await expect(w.mobility.registerFlowOut(XUHUI, input)).rejects.toBeInstanceOf(AuthError);
    await expect(w.mobility.registerFlowOut(HUANGPU, { ...input, contact: { phone: '12345' } })).rejects.toMatchObject({
      code: 'PHONE_INVALID',
      field: 'contact.phone',
    });
    await expect(
      w.mobility.registerFlowOut(HUANGPU, { ...input, hostOrganizationId: 'nowhere' }),
    ).rejects.toMatchObject({ code: 'ORGANIZATION_NOT_FOUND', field: 'hostOrganizationId' });
    const { mobility } = await w.mobility.registerFlowOut(HUANGPU, { ...input, commandId: 'fo-cmd' });
    expect(mobility.flowOut).toMatchObject({
      flowOutId: 'fo-cmd',
      organizationId: 'b-1',
      destination: '江苏省苏州市',
      hostName: '苏州某公司党支部',
    });
    const events = await w.store.readStream(mobilityStreamId(member._id));
    expect(events.map((e) => e.type)).toEqual(['MemberFlowedOut']);
    const stored = JSON.stringify(events);
    expect(stored).not.toContain(PHONE);
    expect(stored).not.toContain('星湖街');
    expect((events[0]!.data as { contact: string }).contact).toMatch(/^v1\./);
    // the client's retry answers the same; another registration is refused with a stable code
    await expect(w.mobility.registerFlowOut(HUANGPU, { ...input, commandId: 'fo-cmd' })).resolves.toMatchObject({
      mobility: { version: 1 },
    });
    await expect(w.mobility.registerFlowOut(HUANGPU, { ...input, destination: '杭州' })).rejects.toMatchObject({
      code: 'ALREADY_FLOWING_OUT',
      field: 'memberId',
    });
    // the formal relationship did not move
    await w.project();
    expect((await w.members.get(member._id))?.organizationId).toBe('b-1');
  });

  it('lets two racing flow-outs of one member through once: the second is decided again on the first and refused', async () => {
    const { w, member } = await world();
    const flowOut = (destination: string) =>
      w.mobility.registerFlowOut(HUANGPU, { memberId: member._id, destination, from: '2026-05-01' });
    const results = await Promise.allSettled([flowOut('苏州'), flowOut('杭州'), flowOut('南京')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { code: string }).code)).toEqual([
      'ALREADY_FLOWING_OUT',
      'ALREADY_FLOWING_OUT',
    ]);
    expect(await w.store.streamVersion(mobilityStreamId(member._id))).toBe(1);
  });

  it('lists mobile members out by branch and district within scope, transfer candidates after six months', async () => {
    const { w, member } = await world();
    const other = await registerFullMember(w, 13);
    await w.mobility.registerFlowOut(HUANGPU, { memberId: member._id, destination: '苏州', from: '2026-01-10' });
    await w.mobility.registerFlowOut(HUANGPU, { memberId: other._id, destination: '杭州', from: '2026-06-01' });
    const ids = async (caller = HUANGPU, filter: Record<string, unknown> = { organizationId: 'b-1' }) =>
      (await w.mobilityQueries.flowingOut(caller, filter, page)).items.map((i) => i.memberId);
    expect(await ids()).toEqual([member._id, other._id].sort());
    expect(await ids(HUANGPU, { district: 'huangpu' })).toEqual([member._id, other._id].sort());
    expect(await ids(CITY, {})).toEqual([member._id, other._id].sort());
    expect(await ids(XUHUI, {})).toEqual([]);
    await expect(ids(XUHUI, { district: 'huangpu' })).rejects.toBeInstanceOf(AuthError);
    await expect(ids(XUHUI, { organizationId: 'b-1' })).rejects.toBeInstanceOf(AuthError);
    expect(await ids(testCaller('MEMBER', { memberId: other._id, organizationId: 'b-1' }), {})).toEqual([other._id]);
    // six months out: a transfer candidate (the rule of the brief), and without contact since
    expect(await ids(HUANGPU, { organizationId: 'b-1', transferCandidatesOnly: true })).toEqual([]);
    w.setToday('2026-07-10');
    const listed = await w.mobilityQueries.flowingOut(
      HUANGPU,
      { organizationId: 'b-1', transferCandidatesOnly: true },
      page,
    );
    expect(listed.items.map((i) => [i.memberId, i.transferDueOn, i.transferCandidate, i.withoutContact])).toEqual([
      [member._id, '2026-07-10', true, true],
    ]);
    expect(await ids(HUANGPU, { organizationId: 'b-1', withoutContactOnly: true })).toEqual([member._id]);
    // ended: off the list, in the member's history
    await w.mobility.endFlowOut(HUANGPU, { memberId: member._id, endedOn: '2026-07-01', ending: 'Returned' });
    expect(await ids()).toEqual([other._id]);
    expect(
      (await w.mobilityQueries.mobilityOf(HUANGPU, member._id))?.pastFlowOuts.map((o) => o.flowOut.ending),
    ).toEqual(['Returned']);
  });

  it('marks lost contact from a flow-out without contact on the member stream, and a contact restores it', async () => {
    const { w, member } = await world();
    await w.mobility.registerFlowOut(HUANGPU, { memberId: member._id, destination: '苏州', from: '2026-03-01' });
    await expect(w.mobility.markFlowOutLostContact(HUANGPU, { memberId: member._id })).rejects.toMatchObject({
      code: 'FLOW_OUT_CONTACT_RECENT',
    });
    w.setToday('2026-09-02');
    await expect(w.mobility.markFlowOutLostContact(XUHUI, { memberId: member._id })).rejects.toBeInstanceOf(AuthError);
    const marked = await w.mobility.markFlowOutLostContact(HUANGPU, { memberId: member._id });
    expect(marked.member.lostContactSince).toBe('2026-03-01');
    await expect(w.mobility.markFlowOutLostContact(HUANGPU, { memberId: member._id })).rejects.toMatchObject({
      code: 'NOTHING_CHANGES',
    });
    const heard = await w.mobility.recordFlowOutContact(HUANGPU, {
      memberId: member._id,
      on: '2026-09-01',
      contact: { phone: PHONE },
      commandId: 'heard-1',
    });
    expect(heard.member.lostContactSince).toBeNull();
    expect(heard.mobility.flowOut?.lastContactOn).toBe('2026-09-01');
    const memberStream = await w.store.readStream(`member-${member._id}`);
    expect(memberStream.map((e) => e.type).slice(-2)).toEqual(['ContactLost', 'ContactRestored']);
    // a retry of the same command writes nothing more on either stream
    await w.mobility.recordFlowOutContact(HUANGPU, {
      memberId: member._id,
      on: '2026-09-01',
      contact: { phone: PHONE },
      commandId: 'heard-1',
    });
    expect((await w.store.readStream(`member-${member._id}`)).length).toBe(memberStream.length);
    expect((await w.store.readStream(mobilityStreamId(member._id))).length).toBe(2);
  });

  it("registers a flow-in by the host's admins (not the member's), seen from both sides, contacts revealed to those responsible", async () => {
    const { w, member } = await world();
    const input = { memberId: member._id, hostOrganizationId: 'b-2', from: '2026-05-03', contact: { phone: PHONE } };
    await expect(w.mobility.registerFlowIn(HUANGPU, input)).rejects.toBeInstanceOf(AuthError);
    await expect(w.mobility.registerFlowIn(B2_ADMIN, { ...input, hostOrganizationId: 'b-1' })).rejects.toBeInstanceOf(
      AuthError,
    );
    await w.mobility.registerFlowOut(HUANGPU, {
      memberId: member._id,
      destination: '本市徐汇区',
      hostOrganizationId: 'b-2',
      from: '2026-05-01',
    });
    const { mobility } = await w.mobility.registerFlowIn(B2_ADMIN, input);
    expect(mobility.flowIn).toMatchObject({
      hostOrganizationId: 'b-2',
      hostName: 'b-2',
      flowOutId: mobility.flowOut?.flowOutId,
    });
    await expect(w.mobility.registerFlowIn(XUHUI, { ...input, hostOrganizationId: 'c-xh' })).rejects.toMatchObject({
      code: 'ALREADY_FLOWING_IN',
    });
    // the host's side lists the member and sees its own record (and the flow-out naming it), not the member
    const inB2 = await w.mobilityQueries.flowingIn(XUHUI, { organizationId: 'b-2' }, page);
    expect(inB2.items.map((i) => [i.memberId, i.memberReadable, i.contactRevealable])).toEqual([
      [member._id, false, true],
    ]);
    expect((await w.mobilityQueries.flowingIn(HUANGPU, { district: 'huangpu' }, page)).items).toEqual([]);
    const fromHost = await w.mobilityQueries.mobilityOf(XUHUI, member._id);
    expect(fromHost).toMatchObject({ flowIn: { flowIn: { hostOrganizationId: 'b-2' } }, memberReadable: false });
    expect(fromHost?.flowOut?.flowOut.hostOrganizationId).toBe('b-2');
    // contacts: masked to readers, in full to the host's admins and the member's, audited; never to analytics
    const item = inB2.items[0]!;
    const sealed = item.flowIn.contact;
    expect(await w.mobilityQueries.contact(ANALYTICS, { ...item, contactRevealable: false }, sealed, false)).toEqual({
      phone: '139****5678',
      address: null,
      revealed: false,
    });
    await expect(
      w.mobilityQueries.contact(ANALYTICS, { ...item, contactRevealable: false }, sealed, true),
    ).rejects.toBeInstanceOf(AuthError);
    expect(await w.mobilityQueries.contact(XUHUI, item, sealed, true)).toEqual({
      phone: PHONE,
      address: null,
      revealed: true,
    });
    expect(w.audit.entries.map((e) => [e.memberId, e.field, e.role])).toEqual([
      [member._id, 'mobilityContact', 'DISTRICT_ADMIN'],
    ]);
    // the member's side ends it (they went home), or the host's
    await expect(
      w.mobility.endFlowIn(testCaller('DISTRICT_ADMIN', { district: 'pudong' }), {
        memberId: member._id,
        endedOn: '2026-06-01',
        ending: 'Left',
      }),
    ).rejects.toBeInstanceOf(AuthError);
    const ended = await w.mobility.endFlowIn(HUANGPU, { memberId: member._id, endedOn: '2026-06-01', ending: 'Left' });
    expect(ended.mobility.flowIn).toBeNull();
    expect((await w.mobilityQueries.flowingIn(XUHUI, { organizationId: 'b-2' }, page)).items).toEqual([]);
  });
});

describe('community registration handlers', () => {
  it('registers an employed member with their community (themself), once; the community records service and feedback, which reach the branch', async () => {
    const { w, member } = await world();
    const self = testCaller('MEMBER', { memberId: member._id, organizationId: 'b-1' });
    const C_ADMIN = testCaller('ORGANIZATION_ADMIN', { organizationId: 'c-xh' });
    await expect(
      w.communities.registerWithCommunity(testCaller('MEMBER', { memberId: 'someone-else' }), {
        memberId: member._id,
        communityId: 'c-xh',
      }),
    ).rejects.toBeInstanceOf(AuthError);
    const registered = await w.communities.registerWithCommunity(self, { memberId: member._id, communityId: 'c-xh' });
    expect(registered).toMatchObject({ status: 'Registered', registeredOn: '2026-06-15', organizationId: 'b-1' });
    await expect(
      w.communities.registerWithCommunity(HUANGPU, { memberId: member._id, communityId: 'c-xh' }),
    ).rejects.toMatchObject({ code: 'COMMUNITY_ALREADY_REGISTERED' });
    // the community's side records; the member's branch side does not
    const service = {
      memberId: member._id,
      communityId: 'c-xh',
      kind: 'Volunteering' as const,
      on: '2026-06-15',
      hours: 3,
      description: '为独居老人代购药品',
    };
    await expect(w.communities.recordCommunityService(HUANGPU, service)).rejects.toBeInstanceOf(AuthError);
    await w.communities.recordCommunityService(C_ADMIN, service);
    await w.communities.giveCommunityFeedback(C_ADMIN, {
      memberId: member._id,
      communityId: 'c-xh',
      rating: 'Excellent',
      comment: '热心服务, 群众满意',
    });
    const stream = await w.store.readStream(communityRegistrationStreamId(member._id, 'c-xh'));
    expect(stream.map((e) => e.type)).toEqual([
      'CommunityRegistered',
      'CommunityServiceRecorded',
      'CommunityFeedbackGiven',
    ]);
    expect(JSON.stringify(stream)).not.toMatch(/独居老人|群众满意/);
    expect(stream.every((e) => (e.data as { organizationId: string }).organizationId === 'b-1')).toBe(true);
    // the branch's list: the registration with its service and feedback, opened for the branch's admins
    const atBranch = await w.mobilityQueries.registrations(HUANGPU, { organizationId: 'b-1' }, page);
    expect(atBranch.items).toHaveLength(1);
    const item = atBranch.items[0]!;
    expect(item.registration.feedback.map((f) => f.rating)).toEqual(['Excellent']);
    expect(
      await w.mobilityQueries.communityText(item, 'communityFeedback', item.registration.feedback[0]!.comment),
    ).toBe('热心服务, 群众满意');
    const forAnalytics = (await w.mobilityQueries.registrations(ANALYTICS, { district: 'huangpu' }, page)).items[0]!;
    expect(
      await w.mobilityQueries.communityText(
        forAnalytics,
        'communityService',
        forAnalytics.registration.services[0]!.description,
      ),
    ).toBeNull();
    // the community's list, its side; another district's admins see neither
    expect((await w.mobilityQueries.registrations(C_ADMIN, { communityId: 'c-xh' }, page)).items).toHaveLength(1);
    await expect(w.mobilityQueries.registrations(HUANGPU, { communityId: 'c-xh' }, page)).rejects.toBeInstanceOf(
      AuthError,
    );
    expect((await w.mobilityQueries.registrations(XUHUI, { district: 'xuhui' }, page)).items).toEqual([]);
    // revocable by the member: off the lists, kept in the member's registrations
    const revoked = await w.communities.revokeCommunityRegistration(self, {
      memberId: member._id,
      communityId: 'c-xh',
    });
    expect(revoked).toMatchObject({ status: 'Revoked', revokedBy: 'Member' });
    expect((await w.mobilityQueries.registrations(HUANGPU, { organizationId: 'b-1' }, page)).items).toEqual([]);
    expect((await w.mobilityQueries.registrationsOf(HUANGPU, member._id)).map((r) => r.registration.status)).toEqual([
      'Revoked',
    ]);
    await expect(
      w.communities.giveCommunityFeedback(C_ADMIN, { memberId: member._id, communityId: 'c-xh', rating: 'Good' }),
    ).rejects.toMatchObject({ code: 'COMMUNITY_REGISTRATION_NOT_ACTIVE' });
  });

  it('refuses members who are not employed, unknown communities, and services before any registration', async () => {
    const { w } = await world();
    const retired = await registerFullMember(w, 15, { category: 'Retired' });
    await expect(
      w.communities.registerWithCommunity(HUANGPU, { memberId: retired._id, communityId: 'c-xh' }),
    ).rejects.toMatchObject({ code: 'NOT_AN_EMPLOYED_MEMBER' });
    await expect(
      w.communities.registerWithCommunity(HUANGPU, { memberId: retired._id, communityId: 'nowhere' }),
    ).rejects.toMatchObject({ code: 'ORGANIZATION_NOT_FOUND', field: 'communityId' });
    await expect(
      w.communities.recordCommunityService(XUHUI, {
        memberId: retired._id,
        communityId: 'c-xh',
        kind: 'Other',
        on: '2026-06-01',
        hours: 1,
      }),
    ).rejects.toMatchObject({ code: 'COMMUNITY_REGISTRATION_NOT_FOUND' });
  });
});

import { randomBytes } from 'node:crypto';
import { memberSealingKeyPair, openForMember } from '@lianjian/contracts';
import { testCaller as caller } from '@lianjian/testing';
import { establishedTree, inMemoryApplication } from '../../testing/in-memory-application';

const CITY = caller('CITY_ADMIN');
const BRANCH_ADMIN = caller('ORGANIZATION_ADMIN', { organizationId: 'b-1', district: 'huangpu' });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal, but the command was accepted');
    },
    (error: unknown) => error,
  );
const meeting = {
  meetingId: 'mt-1',
  organizationId: 'b-1',
  meetingType: 'MembersMeeting' as const,
  heldOn: '2026-03-05',
  host: { name: '王书记' },
  recorder: { name: '李记录', memberId: 'm-2' },
  attendeeIds: ['m-1', 'm-2'],
  absentees: [{ memberId: 'm-3', reason: '出差' }],
  topics: ['学习'],
};

describe('recording a meeting (organizational life) on in-memory ports', () => {
  const m3 = memberSealingKeyPair(randomBytes(32));
  const withMemberKeys = async () => {
    const app = inMemoryApplication();
    await establishedTree(app, CITY);
    app.views.sealingKeys_.set('m-3', m3.publicKey); // from MemberRegistered, as the member facts hold it
    return app;
  };

  it('records the meeting on its own stream, with what the members service reads for attendance', async () => {
    const app = await withMemberKeys();
    const recorded = await app.meetings.recordMeeting(BRANCH_ADMIN, meeting);
    expect(recorded).toMatchObject({
      _id: 'mt-1',
      version: 1,
      organizationId: 'b-1',
      host: { maskedName: '王*记', memberId: null },
      recorder: { maskedName: '李*录', memberId: 'm-2' },
      attendeeIds: ['m-1', 'm-2'],
      absentees: [{ memberId: 'm-3', reason: expect.stringMatching(/^v1\./) }],
      resolutions: [],
    });
    const [event] = await app.store.readStream('meeting-mt-1');
    expect(event).toMatchObject({
      type: 'MeetingRecorded',
      schemaVersion: 2,
      data: { meetingId: 'mt-1', attendeeIds: ['m-1', 'm-2'] },
    });
    // no clear name or reason is kept: people by member id and masked name, the reason sealed to the member's key
    const stored = JSON.stringify([event, recorded]);
    for (const clear of ['王书记', '李记录', '出差']) expect(stored).not.toContain(clear);
    const sealed = (event!.data as { absentees: Array<{ reason: string }> }).absentees[0]!.reason;
    expect(openForMember(m3.privateKey, 'm-3', 'absenceReason', sealed)).toBe('出差');
    // six establishments and the meeting: each append wakes the outbox relay
    expect(app.notified.appends).toBe(7);
  });

  it('refuses an absence reason for a member whose key it does not know (never keeps it clear); takes one without a reason', async () => {
    const app = await withMemberKeys();
    const unknown = { ...meeting, absentees: [{ memberId: 'm-4', reason: '病假' }] };
    expect(await refusal(app.meetings.recordMeeting(BRANCH_ADMIN, unknown))).toMatchObject({
      code: 'MEMBER_NOT_KNOWN',
      field: 'absentees.0.memberId',
    });
    expect(JSON.stringify(await app.store.readAllCommits(0, 100))).not.toContain('病假');
    const recorded = await app.meetings.recordMeeting(BRANCH_ADMIN, { ...meeting, absentees: [{ memberId: 'm-4' }] });
    expect(recorded.absentees).toEqual([{ memberId: 'm-4', reason: null }]);
  });

  it('refuses attendees and absentees who are members outside the caller’s scope, writing nothing', async () => {
    const app = await withMemberKeys();
    const member = (memberId: string) => ({ memberId, stage: 'FullMember', status: 'Normal', counted: true });
    app.views.rosters_.set('org:b-1', [member('m-1'), member('m-2')]);
    app.views.rosters_.set('org:xuhui', [member('m-xh')]); // a Xuhui member, as the member facts hold it
    const commits = (await app.store.readAllCommits(0, 100)).length;
    for (const foreign of [
      { ...meeting, attendeeIds: ['m-1', 'm-xh'] },
      { ...meeting, absentees: [{ memberId: 'm-xh' }] },
    ]) {
      expect(await refusal(app.meetings.recordMeeting(BRANCH_ADMIN, foreign))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await app.store.readAllCommits(0, 100)).toHaveLength(commits);
    // the city records anyone; a member the facts do not know yet is left to the members service's rules
    await app.meetings.recordMeeting(CITY, { ...meeting, meetingId: 'mt-city', attendeeIds: ['m-1', 'm-xh'] });
    await app.meetings.recordMeeting(BRANCH_ADMIN, { ...meeting, attendeeIds: ['m-1', 'm-new'] });
  });

  it('refuses a meeting outside the caller’s organization, before the organization existed, or recorded twice', async () => {
    const app = await withMemberKeys();
    expect(
      await refusal(app.meetings.recordMeeting(caller('ORGANIZATION_ADMIN', { organizationId: 'c-2' }), meeting)),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(await refusal(app.meetings.recordMeeting(BRANCH_ADMIN, { ...meeting, heldOn: '2021-02-01' }))).toMatchObject(
      { code: 'DATE_BEFORE_LAST_CHANGE', field: 'heldOn' },
    );
    expect(
      await refusal(app.meetings.recordMeeting(BRANCH_ADMIN, { ...meeting, organizationId: 'b-9' })),
    ).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND', field: 'organizationId' });
    await app.meetings.recordMeeting(BRANCH_ADMIN, meeting);
    expect(await refusal(app.meetings.recordMeeting(BRANCH_ADMIN, { ...meeting, heldOn: '2026-03-06' }))).toMatchObject(
      { code: 'MEETING_ALREADY_RECORDED' },
    );
    expect((await app.store.readStream('meeting-mt-1')).length).toBe(1);
  });
});

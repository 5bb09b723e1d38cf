import { testCaller } from '@lianjian/testing';
import { loadMemberRules } from '../../settings';
import { membersTestWorld, registerFullMember } from '../../testing/in-memory-ports';

// A decision on a member (admission, full membership) takes its vote from the recorded branch members' meeting.
const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const rules = loadMemberRules(null);

async function world() {
  const w = membersTestWorld(rules);
  // five full members of b-1, and a development candidate
  const full = [];
  for (const n of [11, 13, 15, 17, 19]) full.push(await registerFullMember(w, n));
  const candidate = await registerFullMember(w, 21, {
    appliedOn: '2023-03-01',
    activistOn: '2023-06-01',
    candidateOn: '2024-07-01',
    joinedOn: null,
    fullMembershipOn: null,
  });
  return { w, ids: full.map((m) => m._id), candidate };
}

describe("a branch decision's vote comes from the recorded members' meeting, not from the client", () => {
  it("counts the meeting's attendees among the voting members and the resolution's yes votes", async () => {
    const { w, ids, candidate } = await world();
    await w.meetings.saveMeeting({
      meetingId: 'mt-1',
      organizationId: 'b-1',
      meetingType: 'MembersMeeting',
      heldOn: '2026-01-10',
      attendeeIds: [ids[0]!, ids[1]!, ids[2]!, candidate._id], // 3 of 5 voting members; the candidate doesn't vote
      resolutions: [{ inFavour: 3, against: 0, abstained: 1 }],
    });
    const resolved = await w.pipeline.resolveAdmission(HUANGPU, {
      memberId: candidate._id,
      vote: { meetingId: 'mt-1', resolution: 1 },
    });
    expect(resolved.pendingDecision).toMatchObject({
      kind: 'Admission',
      vote: { meetingId: 'mt-1', heldOn: '2026-01-10', votingMembers: 5, attending: 3, inFavour: 3 },
    });
  });

  it('refuses a quorum the record does not show, whatever the client would have claimed', async () => {
    const { w, ids, candidate } = await world();
    await w.meetings.saveMeeting({
      meetingId: 'mt-2',
      organizationId: 'b-1',
      meetingType: 'MembersMeeting',
      heldOn: '2026-01-10',
      attendeeIds: [ids[0]!, ids[1]!], // 2 of 5: no quorum
      resolutions: [{ inFavour: 2, against: 0, abstained: 0 }],
    });
    await expect(
      w.pipeline.resolveAdmission(HUANGPU, { memberId: candidate._id, vote: { meetingId: 'mt-2', resolution: 1 } }),
    ).rejects.toMatchObject({ code: 'QUORUM_NOT_MET', field: 'vote.meetingId' });
  });

  it('refuses a meeting that is not recorded, of another branch, or not a members meeting', async () => {
    const { w, ids, candidate } = await world();
    const decide = (meetingId: string, resolution = 1) =>
      w.pipeline.resolveAdmission(HUANGPU, { memberId: candidate._id, vote: { meetingId, resolution } });
    await expect(decide('never-held')).rejects.toMatchObject({ code: 'MEETING_NOT_FOUND', field: 'vote.meetingId' });
    const base = {
      heldOn: '2026-01-10',
      attendeeIds: ids,
      resolutions: [{ inFavour: 5, against: 0, abstained: 0 }],
    };
    await w.meetings.saveMeeting({ ...base, meetingId: 'other', organizationId: 'b-2', meetingType: 'MembersMeeting' });
    await w.meetings.saveMeeting({ ...base, meetingId: 'lesson', organizationId: 'b-1', meetingType: 'PartyLesson' });
    await w.meetings.saveMeeting({ ...base, meetingId: 'ok', organizationId: 'b-1', meetingType: 'MembersMeeting' });
    await expect(decide('other')).rejects.toMatchObject({ code: 'MEETING_NOT_OF_BRANCH' });
    await expect(decide('lesson')).rejects.toMatchObject({ code: 'MEETING_NOT_MEMBERS_MEETING' });
    await expect(decide('ok', 2)).rejects.toMatchObject({ code: 'RESOLUTION_NOT_FOUND', field: 'vote.resolution' });
    expect((await decide('ok')).pendingDecision?.vote).toMatchObject({ attending: 5, inFavour: 5 });
  });
});

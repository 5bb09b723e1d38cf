import { MemberRuleViolation } from '../errors';
import { type RecordedMeeting, voteOfMeeting } from './meeting-vote';

const meeting: RecordedMeeting = {
  meetingId: 'mt-1',
  organizationId: 'b-1',
  meetingType: 'MembersMeeting',
  heldOn: '2026-01-10',
  // f1–f4 full members; p1 probationary (attends, doesn't vote); f5 a full member who stayed away
  attendeeIds: ['f1', 'f2', 'f3', 'f4', 'p1'],
  resolutions: [
    { inFavour: 4, against: 0, abstained: 0 },
    { inFavour: 2, against: 2, abstained: 0 },
  ],
};
const voting = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7'];
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(MemberRuleViolation);
    return error;
  }
  throw new Error('expected a refusal');
};

describe("a decision's vote, from the record of the branch members' meeting", () => {
  it('takes the day, the attendance of voting members and the yes votes from the record, not from the client', () => {
    expect(voteOfMeeting(meeting, 1, 'b-1', voting)).toEqual({
      heldOn: '2026-01-10',
      votingMembers: 7,
      attending: 4, // the probationary attendee does not count
      inFavour: 4,
      meetingId: 'mt-1',
    });
    expect(voteOfMeeting(meeting, 2, 'b-1', voting)).toMatchObject({ attending: 4, inFavour: 2 });
  });

  it('refuses a meeting not recorded, of another organization, not a members meeting, or a resolution it lacks', () => {
    expect(refusal(() => voteOfMeeting(null, 1, 'b-1', voting))).toMatchObject({
      code: 'MEETING_NOT_FOUND',
      field: 'vote.meetingId',
    });
    expect(refusal(() => voteOfMeeting(meeting, 1, 'b-2', voting))).toMatchObject({
      code: 'MEETING_NOT_OF_BRANCH',
      field: 'vote.meetingId',
    });
    expect(refusal(() => voteOfMeeting({ ...meeting, meetingType: 'ThemeDay' }, 1, 'b-1', voting))).toMatchObject({
      code: 'MEETING_NOT_MEMBERS_MEETING',
      field: 'vote.meetingId',
    });
    for (const resolution of [0, 3, 1.5]) {
      expect(refusal(() => voteOfMeeting(meeting, resolution, 'b-1', voting))).toMatchObject({
        code: 'RESOLUTION_NOT_FOUND',
        field: 'vote.resolution',
      });
    }
  });
});

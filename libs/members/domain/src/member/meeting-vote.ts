import { refuse } from '../errors';
import { type IsoDate } from '@lianjian/calendar';
import { type MeetingVote } from '../model';

/**
 * A branch members' meeting as the organizations service recorded it (`MeetingRecorded`), as much of it as a vote
 * needs: who attended, and each resolution's count of votes (in the record's order; no text: it may name people).
 */
export interface RecordedMeeting {
  readonly meetingId: string;
  readonly organizationId: string;
  readonly meetingType: string;
  readonly heldOn: IsoDate;
  readonly attendeeIds: readonly string[];
  readonly resolutions: ReadonlyArray<{
    readonly inFavour: number;
    readonly against: number;
    readonly abstained: number;
  }>;
}

/**
 * The vote of a decision on a member (admission, full membership), taken from the record of the branch members'
 * meeting (支部党员大会) that decided it, never from the client: the meeting must be recorded, held by the member's
 * branch and be a members' meeting; `resolution` (1-based, in the record's order) is the resolution that decided;
 * those attending are the meeting's attendees who were voting members on its day (`votingMemberIds`: full members of
 * the branch in good standing then; probationary members don't vote); the yes votes are the resolution's.
 * `checkVote` then judges the quorum and the majority.
 */
export function voteOfMeeting(
  meeting: RecordedMeeting | null,
  resolution: number,
  branchId: string,
  votingMemberIds: readonly string[],
): MeetingVote {
  if (!meeting)
    return refuse(
      'MEETING_NOT_FOUND',
      'no such meeting (or its record has not reached the members service yet)',
      'vote.meetingId',
    );
  if (meeting.organizationId !== branchId)
    refuse(
      'MEETING_NOT_OF_BRANCH',
      "the meeting was held by another organization than the member's branch",
      'vote.meetingId',
    );
  if (meeting.meetingType !== 'MembersMeeting')
    refuse(
      'MEETING_NOT_MEMBERS_MEETING',
      `a decision on a member is taken by a branch members' meeting, not a ${meeting.meetingType}`,
      'vote.meetingId',
    );
  const decided = meeting.resolutions[resolution - 1];
  if (!Number.isInteger(resolution) || !decided)
    refuse(
      'RESOLUTION_NOT_FOUND',
      `the meeting's record has ${meeting.resolutions.length} resolutions; there is no resolution ${resolution}`,
      'vote.resolution',
    );
  const voting = new Set(votingMemberIds);
  return {
    heldOn: meeting.heldOn,
    votingMembers: voting.size,
    attending: new Set(meeting.attendeeIds.filter((id) => voting.has(id))).size,
    inFavour: decided.inFavour,
    meetingId: meeting.meetingId,
  };
}

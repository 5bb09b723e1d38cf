import { randomUUID } from 'node:crypto';
import { AuthError, type Caller, canWrite } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { streamId } from '@lianjian/organizations-contracts';
import { sealForMember } from '@lianjian/contracts';
import { type MeetingRecord, type RecordMeeting, violation } from '@lianjian/organizations-domain';
import { type MeetingView } from '../read-models';
import { scopeOf } from '../scope';
import { type CommandRunner, type PersonInput, meetingDecider, personOf } from '../common/command-runner';

/** Organizational life (三会一课): meetings the organization records. */
export class MeetingCommands {
  constructor(private readonly runner: CommandRunner) {}

  /** Organizational life: the organization owns the meeting; attendance reaches the members service as its event. */
  async recordMeeting(
    caller: Caller,
    input: Omit<MeetingRecord, 'meetingId' | 'host' | 'recorder' | 'absentees' | 'resolutions' | 'topics'> & {
      meetingId?: string | null;
      host: PersonInput;
      recorder: PersonInput;
      absentees?: ReadonlyArray<{ memberId: string; reason?: string | null }> | null;
      topics: readonly string[];
      resolutions?: MeetingRecord['resolutions'] | null;
    } & CommandOptions,
  ): Promise<MeetingView> {
    const org = await this.runner.writable(caller, input.organizationId);
    await this.assertPeopleInScope(caller, [...input.attendeeIds, ...(input.absentees ?? []).map((a) => a.memberId)]);
    const meetingId = input.meetingId ?? randomUUID();
    const absentees = await this.sealedAbsentees(input.absentees ?? []);
    const meeting: MeetingRecord = {
      meetingId,
      organizationId: org.view._id,
      meetingType: input.meetingType,
      heldOn: input.heldOn,
      host: personOf(input.host),
      recorder: personOf(input.recorder),
      attendeeIds: [...input.attendeeIds],
      absentees,
      topics: [...input.topics],
      resolutions: [...(input.resolutions ?? [])],
    };
    const command: RecordMeeting = {
      kind: 'RecordMeeting',
      meeting,
      organization: org.view,
      today: this.runner.clock.today(),
    };
    return this.runner.run(
      meetingId,
      streamId('meeting', meetingId),
      meetingDecider,
      input.meetingId ? undefined : 'new',
      command,
      this.runner.appendContext(caller, input, org.view.region.district),
      input,
    );
  }

  /**
   * The attendees and absentees a meeting records are members the caller may write to: attendance reaches the
   * members service as each member's organizational life, so an admin records it only for members of their scope
   * (ADR 0007). A member the member facts do not know yet (its registration not consumed) is checked by the members
   * service's rules alone.
   */
  private async assertPeopleInScope(caller: Caller, memberIds: readonly string[]): Promise<void> {
    if (memberIds.length === 0) return;
    const organizationIds = [...new Set((await this.runner.views.rosters.organizationsOf(memberIds)).values())];
    const organizations = new Map(
      (await this.runner.views.organizations.byIds(organizationIds)).map((o) => [o._id, o]),
    );
    for (const id of organizationIds) {
      const organization = organizations.get(id);
      if (!organization || !canWrite(caller, scopeOf(organization)))
        throw new AuthError('FORBIDDEN', 'an attendee or absentee is a member outside your scope');
    }
  }

  /**
   * Absence reasons sealed to each member's public key (ADR 0010): this service keeps and publishes only what the
   * members service can open, and nobody once the member is erased. A reason for a member whose key this service
   * has not learnt yet (not registered, erased, or its registration not consumed yet) is refused, never kept clear.
   */
  private async sealedAbsentees(
    absentees: ReadonlyArray<{ memberId: string; reason?: string | null }>,
  ): Promise<MeetingRecord['absentees']> {
    const withReason = absentees.filter((a) => a.reason);
    const keys = withReason.length
      ? await this.runner.views.rosters.sealingKeys(withReason.map((a) => a.memberId))
      : new Map<string, string>();
    return absentees.map((a, i) => {
      if (!a.reason) return { memberId: a.memberId, reason: null };
      const key = keys.get(a.memberId);
      if (!key)
        violation(
          'MEMBER_NOT_KNOWN',
          `member ${a.memberId} is not known here (yet): an absence reason is sealed to the member's key, which this service learns from the members service's events`,
          `absentees.${i}.memberId`,
        );
      return { memberId: a.memberId, reason: sealForMember(key, a.memberId, 'absenceReason', a.reason) };
    });
  }
}

import { randomUUID } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import { type CommandOptions } from '@lianjian/event-store';
import { streamId } from '@lianjian/organizations-contracts';
import { type MeetingRecord, type RecordMeeting } from '@lianjian/organizations-domain';
import { type MeetingView } from '../read-models';
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
      absentees?: MeetingRecord['absentees'] | null;
      topics: readonly string[];
      resolutions?: MeetingRecord['resolutions'] | null;
    } & CommandOptions,
  ): Promise<MeetingView> {
    const org = await this.runner.writable(caller, input.organizationId);
    const meetingId = input.meetingId ?? randomUUID();
    const meeting: MeetingRecord = {
      meetingId,
      organizationId: org.view._id,
      meetingType: input.meetingType,
      heldOn: input.heldOn,
      host: personOf(input.host),
      recorder: personOf(input.recorder),
      attendeeIds: [...input.attendeeIds],
      absentees: [...(input.absentees ?? [])],
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
}

import { exampleMessage } from '@lianjian/contracts';
import { type IntegrationEnvelope, isPoisonMessage } from '@lianjian/messaging';
import { ORGANIZATIONS_EVENTS } from '@lianjian/organizations-contracts';
import { untouchableDb, untouchableViews } from '@lianjian/testing';
import { AttendanceProjection } from './attendance.projection';
import { MongoAttendanceReadModel, MongoMeetingRecords } from './mongo-read-models';
import { OrganizationDirectory } from './organization.directory';
import { type Views } from './views';

/** A database nobody may touch: a poison message is refused before anything is read or written. */
const db = untouchableDb;
const views = untouchableViews<Views>();

const message = (
  type: string,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
): IntegrationEnvelope => {
  const example = exampleMessage(
    ORGANIZATIONS_EVENTS.find((m) => m.type === type)!,
    'organizations',
  ) as unknown as IntegrationEnvelope;
  return { ...example, data: change(example.data) };
};
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe("the members service's consumers of organizations events", () => {
  it('refuse an organization event that fails its published schema as poison (invalid)', async () => {
    const directory = new OrganizationDirectory(views, db);
    for (const invalid of [
      message('OrganizationEstablished', (d) => ({ ...d, organizationType: 'SecretSociety' })),
      message('OrganizationEstablished', ({ region: _region, ...d }) => d),
      message('OrganizationTransferredToDistrict', (d) => ({ ...d, region: { district: 'xuhui' } })),
    ]) {
      const error = await failure(directory.handle(invalid));
      expect(isPoisonMessage(error)).toBe(true);
      expect(error).toMatchObject({ reason: 'invalid' });
    }
  });

  it('refuse a meeting whose attendance fails its published schema as poison (invalid), and skip other types', async () => {
    const attendance = new AttendanceProjection(
      new MongoAttendanceReadModel(views.attendance, views.activity),
      new MongoMeetingRecords(views.meetings),
    );
    const error = await failure(
      attendance.handle(message('MeetingRecorded', (d) => ({ ...d, attendeeIds: 'all of them' }))),
    );
    expect(isPoisonMessage(error)).toBe(true);
    expect(error).toMatchObject({
      reason: 'invalid',
      message: expect.stringContaining('message/data/attendeeIds must be array'),
    });
    expect(
      await failure(attendance.handle(message('MeetingRecorded', ({ absentees: _absentees, ...d }) => d))),
    ).toMatchObject({ reason: 'invalid' });
    // a type this version does not know, on the meeting topic: skipped without touching the database
    await expect(
      attendance.handle({ ...message('MeetingRecorded', (d) => d), type: 'MeetingRescheduled' }),
    ).resolves.toBeUndefined();
  });
});

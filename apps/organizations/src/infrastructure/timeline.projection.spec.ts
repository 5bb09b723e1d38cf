import { exampleMessage } from '@lianjian/contracts';
import { type IntegrationEnvelope, isPoisonMessage } from '@lianjian/messaging';
import { ORGANIZATIONS_EVENTS } from '@lianjian/organizations-contracts';
import { untouchableDb, untouchableViews } from '@lianjian/testing';
import { TimelineProjection } from './timeline.projection';
import { type Views } from './views';

/** A database nobody may touch: a poison message is refused before anything is read or written. */
const db = untouchableDb;
const views = untouchableViews<Views>();

describe('the organization timeline, fed from the published organization topic', () => {
  it('refuses an event that fails its published schema as poison (invalid), before reading or writing anything', async () => {
    const timeline = new TimelineProjection(views, db);
    const example = exampleMessage(
      ORGANIZATIONS_EVENTS.find((m) => m.type === 'OrganizationRenamed')!,
      'organizations',
    ) as unknown as IntegrationEnvelope;
    for (const invalid of [
      { ...example, data: { ...example.data, effectiveOn: '1 March 2024' } },
      { ...example, data: { organizationId: 'b-1', name: '乙' } },
      { ...example, streamVersion: 0 },
    ]) {
      const error = await timeline.handle(invalid).then(
        () => null,
        (e: unknown) => e,
      );
      expect(isPoisonMessage(error)).toBe(true);
      expect(error).toMatchObject({
        reason: 'invalid',
        message: expect.stringContaining('OrganizationRenamed v1 fails its schema'),
      });
    }
  });
});

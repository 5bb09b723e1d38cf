import { type IntegrationEnvelope, decodeOrPoison } from '@lianjian/messaging';
import { decodeProjectsMessage } from '@lianjian/projects-contracts';
import { type ProjectSignInWriter } from '../application/ports';

/**
 * Members' sign-ins at co-building projects (区域化党建) reach the members service as the projects service's
 * `ProjectSignedIn` events, for the member's yearly appraisal: a party member's sign-in (by member id only) is kept by
 * `<projectId>/<signInId>` and counted once in the member's activity, however often it is delivered. A volunteer's
 * sign-in (no member id) and the topic's other events are not the members service's. Each event is decoded with the
 * projects service's published schema: one that fails it is poison (`invalid`).
 */
export class ProjectSignInsProjection {
  constructor(private readonly signIns: ProjectSignInWriter) {}

  async handle(envelope: IntegrationEnvelope): Promise<void> {
    const message = decodeOrPoison(decodeProjectsMessage, envelope);
    if (message?.type !== 'ProjectSignedIn') return;
    const { projectId, signInId, memberId, on } = message.data;
    if (memberId === null) return;
    await this.signIns.recordSignIn({ _id: `${projectId}/${signInId}`, projectId, signInId, memberId, on });
  }
}

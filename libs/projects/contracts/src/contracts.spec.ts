import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ContractViolationError, contractAjv, exampleMessage, schemaFile } from '@lianjian/contracts';
import {
  PROJECTS_CONTRACT,
  PROJECTS_EVENTS,
  PROJECTS_TOPICS,
  decodeProjectsMessage,
  idFromProjectsStream,
  projectsCategoryOf,
  projectsStreamId,
  ratingStreamId,
  renderProjectsEventDocs,
  selectionStreamId,
  topicForProjectsStream,
} from './index';
import { CouncilConvened } from './messages/council-convened/message';
import { NeedSubmitted } from './messages/need-submitted/message';
import { PairingAgreed } from './messages/pairing-agreed/message';
import { ProjectRated } from './messages/project-rated/message';
import { ProjectSignedIn } from './messages/project-signed-in/message';

const root = path.resolve(__dirname, '../../../..');
const committed = (file: string): string => readFileSync(path.join(root, file), 'utf8');

type Message<D> = Record<string, unknown> & { data: D };
/** The example message of a definition with some of its payload's fields replaced. */
const withData = <D extends object>(definition: { example: D }, changes: Record<string, unknown>): Message<D> => {
  const example = exampleMessage(definition as never, 'projects') as Message<D>;
  return { ...example, data: { ...example.data, ...changes } };
};

describe('the projects event contract', () => {
  it('is committed in docs/ exactly as the contracts render it (run npm run docs:events after a change)', () => {
    for (const [file, content] of Object.entries(renderProjectsEventDocs())) {
      expect({ file, content: committed(file) }).toEqual({ file, content });
    }
    const rendered = Object.keys(renderProjectsEventDocs()).filter((f) => f.startsWith('docs/events/'));
    expect(
      readdirSync(path.join(root, 'docs/events/schemas/projects'))
        .map((f) => `docs/events/schemas/projects/${f}`)
        .sort(),
    ).toEqual(rendered.sort());
  });

  it('describes headers as the other services do: the shared Headers schema with its own type and version', () => {
    const documents = ['projects', 'organizations'].map(
      (s) =>
        JSON.parse(committed(`docs/asyncapi/${s}.asyncapi.json`)) as {
          components: { messages: Record<string, { name: string; headers: unknown }>; schemas: { Headers: unknown } };
        },
    );
    expect(documents[0]!.components.schemas.Headers).toEqual(documents[1]!.components.schemas.Headers);
    for (const [key, message] of Object.entries(documents[0]!.components.messages)) {
      expect(message.headers).toEqual({
        allOf: [
          { $ref: '#/components/schemas/Headers' },
          {
            type: 'object',
            properties: {
              'event-type': { const: message.name },
              'schema-version': { const: key.slice(key.lastIndexOf('.v') + 2) },
            },
          },
        ],
      });
    }
  });

  it("validates every message's example against its committed JSON Schema, and decodes it typed", () => {
    const ajv = contractAjv();
    for (const message of PROJECTS_EVENTS) {
      const example = exampleMessage(message, 'projects');
      const validate = ajv.compile(JSON.parse(committed(schemaFile(message, 'projects'))) as object);
      expect({ type: message.type, valid: validate(example), errors: ajv.errorsText(validate.errors) }).toEqual({
        type: message.type,
        valid: true,
        errors: 'No errors',
      });
      expect(decodeProjectsMessage(example)).toEqual(example);
      expect(topicForProjectsStream(example['streamId'] as string)).toBe(message.topic);
    }
  });

  it('lists every event of the issue once, each on the topic of its stream category, at v1', () => {
    expect(PROJECTS_EVENTS.map((m) => `${projectsCategoryOf(m.key.of(m.example as never))}:${m.type}`)).toEqual([
      'council:CouncilConvened',
      'council:MemberUnitJoined',
      'council:MemberUnitRepresentativeChanged',
      'council:MemberUnitLeft',
      'council:CommitteeSeatFilled',
      'council:CommitteeSeatVacated',
      'council:CouncilSessionHeld',
      'pairing:PairingAgreed',
      'pairing:PairingEnded',
      'need:NeedSubmitted',
      'need:NeedTakenUp',
      'need:NeedReleased',
      'need:WishClaimed',
      'need:NeedServed',
      'need:NeedDeclined',
      'resource:ResourceOffered',
      'resource:ResourceCommitted',
      'resource:ResourceWithdrawn',
      'project:ProjectProposed',
      'project:ProjectResolved',
      'project:ProjectApproved',
      'project:ProjectClaimed',
      'project:ProjectStarted',
      'project:MilestoneReached',
      'project:ProjectResourceUsed',
      'project:ProjectSignedIn',
      'project:ProjectCompleted',
      'project:ProjectScored',
      'project:ProjectClosed',
      'rating:ProjectRated',
      'selection:CreativeProjectNominated',
      'selection:CreativeProjectVoteCast',
      'selection:CreativeProjectSelected',
    ]);
    expect(PROJECTS_EVENTS.every((m) => m.schemaVersion === 1)).toBe(true);
    expect(new Set(PROJECTS_EVENTS.map((e) => `${e.type}.v${e.schemaVersion}`)).size).toBe(PROJECTS_EVENTS.length);
    expect(PROJECTS_CONTRACT.messages.every((m) => Object.values(PROJECTS_TOPICS).includes(m.topic as never))).toBe(
      true,
    );
  });

  it('routes every stream category to its topic, keyed by stream', () => {
    expect(topicForProjectsStream(projectsStreamId('council', 'jc-1'))).toBe(PROJECTS_TOPICS.council);
    expect(topicForProjectsStream(ratingStreamId('p-1', 'Vq3xN8bT0cLw5KzR2mYhJ7dFp4sGa9Ue'))).toBe(
      PROJECTS_TOPICS.rating,
    );
    expect(topicForProjectsStream(selectionStreamId('jc-1', '2026-H2'))).toBe(PROJECTS_TOPICS.selection);
    expect(idFromProjectsStream(projectsStreamId('need', 'n-1'))).toBe('n-1');
    expect(topicForProjectsStream('member-1')).toBeNull();
  });

  it('refuses a message that fails its schema, naming the field and never the value', () => {
    const wrongLevel = withData(ProjectRated, { level: 'Delighted' });
    expect(() => decodeProjectsMessage(wrongLevel)).toThrow(ContractViolationError);
    expect(() => decodeProjectsMessage(wrongLevel)).toThrow(/level/);
    expect(() => decodeProjectsMessage(wrongLevel)).not.toThrow(/Delighted/);
    const example = exampleMessage(ProjectRated, 'projects');
    expect(() => decodeProjectsMessage({ ...example, data: { projectId: 'p-1' } })).toThrow(
      /must have required property 'ratingId'/,
    );
    expect(() => decodeProjectsMessage(withData(ProjectRated, { rater: 'x' }))).toThrow(
      /must NOT have additional properties/,
    );
    expect(() => decodeProjectsMessage(withData(ProjectRated, { region: { district: 'huangpu' } }))).toThrow(/region/);
    expect(() => decodeProjectsMessage({ ...example, streamId: projectsStreamId('project', 'p-1') })).toThrow(
      /streamId/,
    );
    expect(() => decodeProjectsMessage({ ...example, schemaVersion: 2 })).toThrow(
      'ProjectRated v2 is not in the projects contract',
    );
    expect(() => decodeProjectsMessage({ ...example, source: 'members' })).toThrow(ContractViolationError);
    // a type published by a later version of the service is skipped, not refused
    expect(decodeProjectsMessage({ ...example, type: 'ProjectRatingWithdrawn' })).toBeNull();
  });

  it("publishes a need's contact only as ciphertext, and a unit as submitter exactly when the submitter is a unit", () => {
    expect(decodeProjectsMessage(withData(NeedSubmitted, { contact: null }))).not.toBeNull();
    for (const clear of ['13800138000', '张先生 13800138000', 'zhang@example.com']) {
      const message = withData(NeedSubmitted, { contact: clear });
      expect(() => decodeProjectsMessage(message)).toThrow(/contact/);
      expect(() => decodeProjectsMessage(message)).not.toThrow(clear);
    }
    const unit = { submitterKind: 'Unit', unitId: 'u-2', contact: null, channel: 'Staff' };
    expect(decodeProjectsMessage(withData(NeedSubmitted, unit))).not.toBeNull();
    expect(() => decodeProjectsMessage(withData(NeedSubmitted, { ...unit, unitId: null }))).toThrow(/unitId/);
    expect(() => decodeProjectsMessage(withData(NeedSubmitted, { unitId: 'u-2' }))).toThrow(/unitId/);
  });

  it("keys a rating by the project and a rater key of 32 base64url characters, never the rater's number", () => {
    const example = exampleMessage(ProjectRated, 'projects');
    expect(example['streamId']).toMatch(/^rating-p-1-[A-Za-z0-9_-]{32}$/);
    expect(decodeProjectsMessage(example)).not.toBeNull();
    for (const streamId of [ratingStreamId('p-1', '13800138000'), ratingStreamId('p-1', '3b6f2c1e'), 'rating-p-1']) {
      expect(() => decodeProjectsMessage({ ...example, streamId })).toThrow(/streamId/);
      expect(() => decodeProjectsMessage({ ...example, streamId })).not.toThrow('13800138000');
    }
  });

  it('names a member who signs in by member id only, and a volunteer by nothing personal', () => {
    expect(decodeProjectsMessage(withData(ProjectSignedIn, { kind: 'Volunteer', memberId: null }))).not.toBeNull();
    expect(() => decodeProjectsMessage(withData(ProjectSignedIn, { kind: 'Volunteer' }))).toThrow(/memberId/);
    expect(() => decodeProjectsMessage(withData(ProjectSignedIn, { memberId: null }))).toThrow(/memberId/);
    expect(() => decodeProjectsMessage(withData(ProjectSignedIn, { kind: 'Volunteer', name: '志愿者' }))).toThrow(
      /must NOT have additional properties/,
    );
  });

  it("refuses a rating's comment that still holds personal data the screening removes, never echoing it", () => {
    const screened = [
      null,
      '活动室亮堂了，谢谢社区！',
      '有事可打[电话已隐去]或发[邮箱已隐去]联系我，身份证[身份证号已隐去]',
      '2026年6月5日下午三点的活动很好，来了120位居民，花了12800元',
      '@社区 希望周末开放',
    ];
    for (const comment of screened) expect(decodeProjectsMessage(withData(ProjectRated, { comment }))).not.toBeNull();
    const unscreened = [
      '有事打13800138000',
      '电话 138 0013 8000',
      '+86 13800138000',
      '座机021-63211234',
      '邮箱 zhang.san@example.com',
      '身份证31010119900101123X',
      '身份证310101900101123',
      '卡号6222020200112233445',
    ];
    for (const comment of unscreened) {
      const message = withData(ProjectRated, { comment });
      expect(() => decodeProjectsMessage(message)).toThrow(/comment/);
      expect(() => decodeProjectsMessage(message)).not.toThrow(comment);
    }
    expect(() => decodeProjectsMessage(withData(ProjectRated, { comment: '' }))).toThrow(/comment/);
    expect(() => decodeProjectsMessage(withData(ProjectRated, { screenedKinds: ['Name'] }))).toThrow(/screenedKinds/);
  });

  it("names a council's region down to its level, and nothing below", () => {
    const at = (level: string, street: string | null, community: string | null) =>
      withData(CouncilConvened, { level, region: { district: 'huangpu', street, community } });
    expect(decodeProjectsMessage(at('District', null, null))).not.toBeNull();
    expect(decodeProjectsMessage(at('Street', 'waitan', null))).not.toBeNull();
    expect(decodeProjectsMessage(at('Community', 'waitan', 'jinling-east'))).not.toBeNull();
    expect(() => decodeProjectsMessage(at('District', 'waitan', null))).toThrow(/region/);
    expect(() => decodeProjectsMessage(at('Street', 'waitan', 'jinling-east'))).toThrow(/region/);
    expect(() => decodeProjectsMessage(at('Community', 'waitan', null))).toThrow(/region/);
  });

  it('pairs two different organizations, each with a commitment', () => {
    expect(() => decodeProjectsMessage(withData(PairingAgreed, { organizationIds: ['b-1', 'b-1'] }))).toThrow(
      /organizationIds/,
    );
    expect(() => decodeProjectsMessage(withData(PairingAgreed, { organizationIds: ['b-1'] }))).toThrow(
      /organizationIds/,
    );
    expect(() => decodeProjectsMessage(withData(PairingAgreed, { organizationIds: ['b-1', 'b-7', 'b-9'] }))).toThrow(
      /organizationIds/,
    );
  });
});

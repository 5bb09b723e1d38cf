import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  ContractViolationError,
  contractAjv,
  exampleMessage,
  renderEventCatalog,
  schemaFile,
} from '@lianjian/contracts';
import { ORGANIZATIONS_CONTRACT } from '@lianjian/organizations-contracts';
import { PROJECTS_CONTRACT } from '@lianjian/projects-contracts';
import {
  MEMBERS_CONTRACT,
  MEMBERS_EVENTS,
  MEMBERS_UPCASTERS,
  MEMBERS_TOPICS,
  decodeMembersMessage,
  isMemberStream,
  memberIdFromStream,
  memberStreamId,
  renderMembersEventDocs,
  topicForMemberStream,
} from './index';
import { MemberRegistered } from './messages/member-registered/message';

const root = path.resolve(__dirname, '../../../..');
const committed = (file: string): string => readFileSync(path.join(root, file), 'utf8');

describe('the members event contract', () => {
  it('is committed in docs/ exactly as the contracts render it (run npm run docs:events after a change)', () => {
    for (const [file, content] of Object.entries(renderMembersEventDocs())) {
      expect({ file, content: committed(file) }).toEqual({ file, content });
    }
    const rendered = Object.keys(renderMembersEventDocs()).filter((f) => f.startsWith('docs/events/'));
    expect(
      readdirSync(path.join(root, 'docs/events/schemas/members'))
        .map((f) => `docs/events/schemas/members/${f}`)
        .sort(),
    ).toEqual(rendered.sort());
  });

  it('is listed in docs/event-catalog.md exactly as the contracts render it, beside the other services', () => {
    const file = 'docs/event-catalog.md';
    expect({ file, content: committed(file) }).toEqual({
      file,
      content: renderEventCatalog([ORGANIZATIONS_CONTRACT, MEMBERS_CONTRACT, PROJECTS_CONTRACT]),
    });
  });

  it('describes headers the same way as the organizations service: the shared Headers schema with its own type and version', () => {
    const documents = ['members', 'organizations'].map(
      (s) =>
        JSON.parse(committed(`docs/asyncapi/${s}.asyncapi.json`)) as {
          components: { messages: Record<string, { name: string; headers: unknown }>; schemas: { Headers: unknown } };
        },
    );
    expect(documents[0]!.components.schemas.Headers).toEqual(documents[1]!.components.schemas.Headers);
    for (const document of documents) {
      for (const [key, message] of Object.entries(document.components.messages)) {
        const version = key.slice(key.lastIndexOf('.v') + 2);
        expect(message.headers).toEqual({
          allOf: [
            { $ref: '#/components/schemas/Headers' },
            {
              type: 'object',
              properties: { 'event-type': { const: message.name }, 'schema-version': { const: version } },
            },
          ],
        });
      }
    }
  });

  it("validates every message's example against its committed JSON Schema, and decodes it typed", () => {
    const ajv = contractAjv();
    for (const message of MEMBERS_EVENTS) {
      const example = exampleMessage(message, 'members');
      const validate = ajv.compile(JSON.parse(committed(schemaFile(message, 'members'))) as object);
      expect({ type: message.type, valid: validate(example), errors: ajv.errorsText(validate.errors) }).toEqual({
        type: message.type,
        valid: true,
        errors: 'No errors',
      });
      expect(decodeMembersMessage(example)).toEqual(example);
      expect(topicForMemberStream(example['streamId'] as string)).toBe(message.topic);
    }
  });

  it('routes member streams to the member topic, keyed by stream', () => {
    expect(topicForMemberStream(memberStreamId('8123'))).toBe(MEMBERS_TOPICS.member);
    expect(memberIdFromStream(memberStreamId('8123'))).toBe('8123');
    expect(isMemberStream('organization-1')).toBe(false);
    expect(new Set(MEMBERS_EVENTS.map((e) => `${e.type}.v${e.schemaVersion}`)).size).toBe(MEMBERS_EVENTS.length);
  });

  it('accepts only ciphertext where personal data travels', () => {
    const message = (idNumber: string, phone: string | null = null, name = 'v1.nnnn.oooo.pppp') => {
      const example = exampleMessage(MemberRegistered, 'members') as { data: typeof MemberRegistered.example };
      return {
        ...example,
        data: { ...example.data, protectedData: { ...example.data.protectedData, keyId: 'k', name, idNumber, phone } },
      };
    };
    expect(decodeMembersMessage(message('v1.aaaa.bbbb.cccc'))).not.toBeNull();
    expect(decodeMembersMessage(message('v1.aaaa.bbbb.cccc', 'v1.dddd.eeee.ffff'))).not.toBeNull();
    expect(() => decodeMembersMessage(message('310101199001011234'))).toThrow(ContractViolationError);
    expect(() => decodeMembersMessage(message('310101199001011234'))).not.toThrow(/310101199001011234/);
    expect(() => decodeMembersMessage(message('v1.aaaa.bbbb.cccc', '13800138000'))).toThrow(ContractViolationError);
    const validate = contractAjv().compile(JSON.parse(committed(schemaFile(MemberRegistered, 'members'))) as object);
    expect(validate(message('v1.aaaa.bbbb.cccc'))).toBe(true);
    expect(validate(message('310101199001011234'))).toBe(false);
    // names: the full one only as ciphertext, in clear only masked
    expect(() => decodeMembersMessage(message('v1.aaaa.bbbb.cccc', null, '张三明'))).toThrow(ContractViolationError);
    const withProfile = (maskedName: string) => {
      const m = message('v1.aaaa.bbbb.cccc');
      return { ...m, data: { ...m.data, profile: { ...m.data.profile, maskedName } } };
    };
    expect(decodeMembersMessage(withProfile('张*明'))).not.toBeNull();
    expect(() => decodeMembersMessage(withProfile('张三明'))).toThrow(ContractViolationError);
    // free-text reasons: sealed, or null
    const status = MEMBERS_EVENTS.find((m) => m.type === 'MembershipStatusChanged')!;
    const withReason = (reason: string | null) => {
      const example = exampleMessage(status, 'members') as { data: Record<string, unknown> };
      return { ...example, data: { ...example.data, reason } };
    };
    expect(decodeMembersMessage(withReason(null))).not.toBeNull();
    expect(decodeMembersMessage(withReason('v1.aaaa.bbbb.cccc'))).not.toBeNull();
    expect(() => decodeMembersMessage(withReason('病故'))).toThrow(ContractViolationError);
  });

  it("reads v1 events as v2 (the store's upcasters): the name masked, no clear name or reason carried on", () => {
    const v1 = {
      ...(exampleMessage(MemberRegistered, 'members') as { data: Record<string, unknown> }).data,
      profile: { ...MemberRegistered.example.profile, maskedName: undefined, name: '张三明' },
      protectedData: { keyId: 'k', idNumber: 'v1.aaaa.bbbb.cccc', phone: null },
    };
    delete (v1.profile as Record<string, unknown>)['maskedName'];
    const v2 = MEMBERS_UPCASTERS.MemberRegistered[1](v1);
    expect(v2).toMatchObject({ profile: { maskedName: '张*明' }, protectedData: { name: null, sealingKey: null } });
    expect(JSON.stringify(v2)).not.toContain('张三明');
    const message = { ...exampleMessage(MemberRegistered, 'members'), data: v2 };
    expect(decodeMembersMessage(message)).not.toBeNull();
    expect(MEMBERS_UPCASTERS.MembershipStatusChanged[1]({ memberId: 'm', reason: '病故' })).toEqual({
      memberId: 'm',
      reason: null,
    });
  });

  it('publishes whether a member is counted as a fact of its own, with the member and organization', () => {
    const fact = MEMBERS_EVENTS.find((m) => m.type === 'MemberCountChanged')!;
    const decoded = decodeMembersMessage(exampleMessage(fact, 'members'));
    expect(decoded?.type === 'MemberCountChanged' && decoded.data).toEqual({
      memberId: '8000000000000001',
      organizationId: 'b-1',
      counted: true,
    });
    expect(() =>
      decodeMembersMessage({
        ...exampleMessage(fact, 'members'),
        data: { memberId: '8000000000000001', organizationId: 'b-1', counted: 'yes' },
      }),
    ).toThrow(/counted must be boolean/);
  });
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { messageSchema } from '@lianjian/organizations-contracts';
import { MEMBERS_EVENTS, MEMBERS_TOPICS, isMemberStream, memberIdFromStream, memberStreamId, renderMembersEventDocs, topicForMemberStream } from './index';

const root = path.resolve(__dirname, '../../../..');

describe('the members event contract', () => {
  it('is committed in docs/ exactly as the contracts render it (run npm run docs:events after a change)', () => {
    for (const [file, content] of Object.entries(renderMembersEventDocs())) {
      expect({ file, content: readFileSync(path.join(root, file), 'utf8') }).toEqual({ file, content });
    }
  });

  it('routes member streams to the member topic, keyed by stream', () => {
    expect(topicForMemberStream(memberStreamId('8123'))).toBe(MEMBERS_TOPICS.member);
    expect(memberIdFromStream(memberStreamId('8123'))).toBe('8123');
    expect(isMemberStream('organization-1')).toBe(false);
    expect(new Set(MEMBERS_EVENTS.map((e) => e.type)).size).toBe(MEMBERS_EVENTS.length);
  });

  it('accepts only ciphertext where personal data travels', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const registered = MEMBERS_EVENTS.find((e) => e.type === 'MemberRegistered')!;
    const validate = ajv.compile(messageSchema(registered, 'members'));
    const message = (idNumber: string) => ({
      eventId: '5f0c8a4e-4f5e-4d5c-9a3b-2b1f0e9d8c7b', type: 'MemberRegistered', schemaVersion: 1, source: 'members', streamId: 'member-8000000000000001',
      streamVersion: 1, globalPosition: 1, indexInCommit: 0, occurredAt: '2026-11-22T00:00:00.000Z', actor: 'a', district: 'huangpu', correlationId: null, causationId: null,
      data: {
        memberId: '8000000000000001', organizationId: 'b-1',
        profile: { name: '张三', gender: 'Male', birthDate: '1990-01-01', ethnicity: '汉族', education: '本科', category: 'Employed', posts: [], unitId: null },
        protectedData: { keyId: 'k', idNumber, phone: null },
        stage: 'FullMember', stageHistory: [{ stage: 'FullMember', since: '2015-01-01' }], probationEndsOn: null, status: 'Normal', registeredOn: '2026-11-22', source: 'Import',
      },
    });
    expect(validate(message('v1.aaaa.bbbb.cccc'))).toBe(true);
    expect(validate(message('310101199001011234'))).toBe(false);
  });
});

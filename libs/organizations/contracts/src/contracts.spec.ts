import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ContractViolationError, contractAjv, exampleMessage, schemaFile } from '@lianjian/contracts';
import {
  ORGANIZATIONS_CONTRACT,
  ORGANIZATIONS_EVENTS,
  ORGANIZATIONS_TOPICS,
  categoryOf,
  decodeOrganizationsMessage,
  renderEventDocs,
  streamId,
  topicForStream,
} from './index';

const root = path.resolve(__dirname, '../../../..');
const committed = (file: string): string => readFileSync(path.join(root, file), 'utf8');

describe('the organizations event contract', () => {
  it('is committed in docs/ exactly as the contracts render it (run npm run docs:events after a change)', () => {
    for (const [file, content] of Object.entries(renderEventDocs())) {
      expect({ file, content: committed(file) }).toEqual({ file, content });
    }
    // and nothing else is published under its name: a schema whose message was removed goes too
    const rendered = Object.keys(renderEventDocs()).filter((f) => f.startsWith('docs/events/'));
    expect(
      readdirSync(path.join(root, 'docs/events/schemas/organizations'))
        .map((f) => `docs/events/schemas/organizations/${f}`)
        .sort(),
    ).toEqual(rendered.sort());
  });

  it("validates every message's example against its committed JSON Schema, and decodes it typed", () => {
    const ajv = contractAjv();
    for (const message of ORGANIZATIONS_EVENTS) {
      const example = exampleMessage(message, 'organizations');
      const validate = ajv.compile(JSON.parse(committed(schemaFile(message, 'organizations'))) as object);
      expect({ type: message.type, valid: validate(example), errors: ajv.errorsText(validate.errors) }).toEqual({
        type: message.type,
        valid: true,
        errors: 'No errors',
      });
      expect(decodeOrganizationsMessage(example)).toEqual(example);
      expect(topicForStream(example['streamId'] as string)).toBe(message.topic);
    }
  });

  it('decodes a v1 leadership or meeting message still on its topic as v2: people by id and masked name only', () => {
    const v1Person = (name: string, memberId: string | null) => ({ name, memberId });
    const leadership = exampleMessage(
      ORGANIZATIONS_EVENTS.find((m) => m.type === 'LeadershipElected')!,
      'organizations',
    );
    const v1 = {
      ...leadership,
      schemaVersion: 1,
      data: {
        ...(leadership['data'] as object),
        secretary: v1Person('孙志明', 'm-1'),
        deputySecretaries: [v1Person('李红', null)],
        committeeMembers: [],
      },
    };
    const decoded = decodeOrganizationsMessage(v1);
    expect(decoded).toMatchObject({
      schemaVersion: 2,
      data: { secretary: { memberId: 'm-1', maskedName: '孙*明' }, deputySecretaries: [{ memberId: null }] },
    });
    expect(JSON.stringify(decoded)).not.toMatch(/孙志明|李红/);
  });

  it('refuses a message that fails its schema, naming the field and never the value', () => {
    const example = exampleMessage(
      ORGANIZATIONS_EVENTS.find((m) => m.type === 'OrganizationEstablished')!,
      'organizations',
    );
    const wrongType = { ...example, data: { ...(example['data'] as object), organizationType: 'SecretSociety' } };
    expect(() => decodeOrganizationsMessage(wrongType)).toThrow(ContractViolationError);
    expect(() => decodeOrganizationsMessage(wrongType)).toThrow(/organizationType/);
    expect(() => decodeOrganizationsMessage(wrongType)).not.toThrow(/SecretSociety/);
    const missing = { ...example, data: { organizationId: 'o-1' } };
    expect(() => decodeOrganizationsMessage(missing)).toThrow(/must have required property 'name'/);
    expect(() =>
      decodeOrganizationsMessage({ ...example, data: { ...(example['data'] as object), extra: 1 } }),
    ).toThrow(/must NOT have additional properties/);
    expect(() => decodeOrganizationsMessage({ ...example, streamId: 'unit-1' })).toThrow(/streamId/);
    expect(() => decodeOrganizationsMessage({ ...example, schemaVersion: 2 })).toThrow(
      'OrganizationEstablished v2 is not in the organizations contract',
    );
    expect(() => decodeOrganizationsMessage({ ...example, source: 'members' })).toThrow(ContractViolationError);
    // a type published by a later version of the service is skipped, not refused
    expect(decodeOrganizationsMessage({ ...example, type: 'OrganizationTwinned' })).toBeNull();
  });

  it('routes every stream category to its topic, keyed by stream', () => {
    expect(topicForStream(streamId('servicePoint', 'sp-1'))).toBe(ORGANIZATIONS_TOPICS.servicePoint);
    expect(categoryOf(streamId('organization', 'o-1'))).toBe('organization');
    expect(topicForStream('member-1')).toBeNull();
    expect(new Set(ORGANIZATIONS_EVENTS.map((e) => `${e.type}.v${e.schemaVersion}`)).size).toBe(
      ORGANIZATIONS_EVENTS.length,
    );
    expect(
      ORGANIZATIONS_CONTRACT.messages.every((m) => Object.values(ORGANIZATIONS_TOPICS).includes(m.topic as never)),
    ).toBe(true);
  });
});

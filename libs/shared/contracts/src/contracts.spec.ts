import {
  ContractViolationError,
  type Assert,
  type Equal,
  IsoDate,
  MessageDecoder,
  Nullable,
  type PayloadOf,
  StringEnum,
  Struct,
  Text,
  Type,
  defineMessage,
  defineServiceContract,
  exampleMessage,
  messageSchema,
  plainSchema,
  renderAsyncApi,
  summarizeFields,
} from './index';

const Greeted = defineMessage({
  type: 'Greeted',
  schemaVersion: 1,
  topic: 'lianjian.test.greeting.v1',
  key: { description: 'greeting-<id>', pattern: '^greeting-.+$', of: (data) => `greeting-${data.id}` },
  description: 'Someone was greeted.',
  payload: Struct({
    id: Text,
    mood: StringEnum(['Happy', 'Sad']),
    on: IsoDate,
    by: Nullable(Struct({ name: Text })),
    tags: Type.Array(Struct({ tag: Text })),
    note: Type.Optional(Text),
  }),
  example: { id: 'g-1', mood: 'Happy', on: '2026-11-28', by: null, tags: [] },
});
const contract = defineServiceContract({
  source: 'test',
  title: 'Test events',
  description: 'Test.',
  topics: { greeting: 'lianjian.test.greeting.v1' },
  messages: [Greeted],
});

// the payload type comes from the definition: a change to the schema changes the type
type GreetedPayload = PayloadOf<typeof Greeted>;
const _payloadType: Assert<
  Equal<
    GreetedPayload,
    {
      id: string;
      mood: 'Happy' | 'Sad';
      on: string;
      by: { name: string } | null;
      tags: Array<{ tag: string }>;
      note?: string;
    }
  >
> = true;
const _readonlyIgnored: Assert<Equal<{ readonly a: readonly string[] }, { a: string[] }>> = true;
const _different: Equal<{ a: string }, { a: string | null }> = false;

describe('a message definition', () => {
  it('publishes plain JSON Schema: closed objects, string enums, nullable values, the envelope around the payload', () => {
    const schema = messageSchema(Greeted, 'test') as { properties: Record<string, unknown>; required: string[] };
    expect(schema.properties['type']).toEqual({ const: 'Greeted' });
    expect(schema.properties['streamId']).toEqual({ type: 'string', pattern: '^greeting-.+$' });
    expect(schema.required).toContain('data');
    const data = plainSchema(Greeted.payload) as {
      additionalProperties: boolean;
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(data.additionalProperties).toBe(false);
    expect(data.required).toEqual(['id', 'mood', 'on', 'by', 'tags']);
    expect(data.properties['mood']).toEqual({ type: 'string', enum: ['Happy', 'Sad'] });
    expect(summarizeFields(data)).toBe('id, mood, on, by{name}, tags[{tag}], note?');
  });

  it('renders an AsyncAPI entry with the shared headers, the key and a valid example', () => {
    const asyncapi = renderAsyncApi(contract) as {
      components: {
        messages: Record<string, { headers: unknown; bindings: unknown; examples: Array<{ payload: unknown }> }>;
      };
    };
    const entry = asyncapi.components.messages['Greeted.v1']!;
    expect(entry.headers).toEqual({
      allOf: [
        { $ref: '#/components/schemas/Headers' },
        { type: 'object', properties: { 'event-type': { const: 'Greeted' }, 'schema-version': { const: '1' } } },
      ],
    });
    expect(entry.bindings).toEqual({
      kafka: {
        key: { type: 'string', description: 'greeting-<id>', pattern: '^greeting-.+$' },
        bindingVersion: '0.5.0',
      },
    });
    expect(new MessageDecoder(contract).decode(entry.examples[0]!.payload)).toEqual(exampleMessage(Greeted, 'test'));
  });
});

describe('MessageDecoder', () => {
  const decoder = new MessageDecoder(contract);
  const valid = exampleMessage(Greeted, 'test');

  it('returns the message typed when it satisfies its schema', () => {
    const decoded = decoder.decode(valid);
    expect(decoded?.data.mood).toBe('Happy');
    expect(
      decoder.decode({ ...valid, data: { ...Greeted.example, note: 'hi', by: { name: 'Wang' } } })?.data.by,
    ).toEqual({ name: 'Wang' });
  });

  it('refuses what fails the schema, naming the field and the rule but never the value', () => {
    const error = (() => {
      try {
        decoder.decode({ ...valid, data: { ...Greeted.example, on: 'Wang Fang 13800138000' } });
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ContractViolationError);
    expect(error?.message).toMatch(/^Greeted v1 fails its schema: message\/data\/on must match pattern/);
    expect(error?.message).not.toMatch(/Wang|13800138000/);
    expect(() => decoder.decode({ ...valid, eventId: 'not-a-uuid' })).toThrow(/eventId must match format "uuid"/);
    expect(() => decoder.decode(null)).toThrow(ContractViolationError);
    expect(() => decoder.decode('{}')).toThrow(ContractViolationError);
    expect(() => decoder.decode({ ...valid, type: 42 })).toThrow('the message has no type');
  });

  it("decodes an older version still on a topic as the current one, by the contract's upcasters", () => {
    const GreetedV2 = defineMessage({ ...Greeted, schemaVersion: 2, example: { ...Greeted.example, by: null } });
    const upgraded = new MessageDecoder(
      defineServiceContract({
        ...contract,
        messages: [GreetedV2],
        // v1 named the greeter; v2 keeps only that someone greeted
        upcasters: { Greeted: { 1: (d) => ({ ...d, by: d['by'] === null ? null : { name: '*' } }) } },
      }),
    );
    const v1 = { ...valid, data: { ...Greeted.example, by: { name: 'Wang Fang' } } };
    expect(upgraded.decode(v1)).toEqual({ ...v1, schemaVersion: 2, data: { ...v1.data, by: { name: '*' } } });
    // without an upcaster from its version, an older message is still refused
    expect(() => new MessageDecoder(defineServiceContract({ ...contract, messages: [GreetedV2] })).decode(v1)).toThrow(
      'Greeted v1 is not in the test contract',
    );
  });

  it('skips a type its contract does not list and refuses an unknown version or another source', () => {
    expect(decoder.decode({ ...valid, type: 'Waved' })).toBeNull();
    expect(() => decoder.decode({ ...valid, schemaVersion: 2 })).toThrow('Greeted v2 is not in the test contract');
    expect(() => decoder.decode({ ...valid, source: 'other' })).toThrow("the message's source is not test");
  });
});

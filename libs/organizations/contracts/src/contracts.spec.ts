import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ORGANIZATIONS_EVENTS, ORGANIZATIONS_TOPICS, categoryOf, renderEventDocs, streamId, topicForStream } from './index';

const root = path.resolve(__dirname, '../../../..');

describe('the organizations event contract', () => {
  it('is committed in docs/ exactly as the contracts render it (run npm run docs:events after a change)', () => {
    for (const [file, content] of Object.entries(renderEventDocs())) {
      expect({ file, content: readFileSync(path.join(root, file), 'utf8') }).toEqual({ file, content });
    }
  });

  it('routes every stream category to its topic, keyed by stream', () => {
    expect(topicForStream(streamId('servicePoint', 'sp-1'))).toBe(ORGANIZATIONS_TOPICS.servicePoint);
    expect(categoryOf(streamId('organization', 'o-1'))).toBe('organization');
    expect(topicForStream('member-1')).toBeNull();
    expect(new Set(ORGANIZATIONS_EVENTS.map((e) => e.type)).size).toBe(ORGANIZATIONS_EVENTS.length);
  });
});

/**
 * Kafka topics of the members service, `lianjian.<service>.<entity>.v<major>`: one topic for the member streams,
 * keyed by stream id (every event of one member keeps its order).
 */
export const MEMBERS_TOPICS = {
  member: 'lianjian.members.member.v1',
} as const;

export type MembersStreamCategory = keyof typeof MEMBERS_TOPICS;

const PREFIX = 'member-';

export const memberStreamId = (memberId: string): string => `${PREFIX}${memberId}`;
export const isMemberStream = (stream: string): boolean => stream.startsWith(PREFIX);
export const memberIdFromStream = (stream: string): string => stream.slice(PREFIX.length);
export const topicForMemberStream = (stream: string): string | null =>
  isMemberStream(stream) ? MEMBERS_TOPICS.member : null;

import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  meetingId: 'mt-1',
  organizationId: 'b-1',
  meetingType: 'MembersMeeting',
  heldOn: '2026-11-20',
  host: { name: '王芳', memberId: '8000000000000001' },
  recorder: { name: '李强', memberId: null },
  attendeeIds: ['8000000000000001', '8000000000000002'],
  absentees: [{ memberId: '8000000000000003', reason: '出差' }],
  topics: ['学习党章'],
  resolutions: [{ text: '同意接收预备党员', inFavour: 2, against: 0, abstained: 0 }],
};

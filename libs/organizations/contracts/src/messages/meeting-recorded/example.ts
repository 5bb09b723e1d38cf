import { type Static } from '@lianjian/contracts';
import { type payload } from './message';

export const example: Static<typeof payload> = {
  meetingId: 'mt-1',
  organizationId: 'b-1',
  meetingType: 'MembersMeeting',
  heldOn: '2026-11-20',
  host: { memberId: '8000000000000001', maskedName: '王*' },
  recorder: { memberId: '8000000000000002', maskedName: '李*' },
  attendeeIds: ['8000000000000001', '8000000000000002'],
  absentees: [{ memberId: '8000000000000003', reason: 'v1.ZXBoZW1lcmFs.dGFn.ZGF0YQ' }],
  topics: ['学习党章'],
  resolutions: [{ text: '同意接收预备党员', inFavour: 2, against: 0, abstained: 0 }],
};

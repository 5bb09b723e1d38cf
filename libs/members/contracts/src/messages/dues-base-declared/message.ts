import { Amount, IsoMonth, Nullable, defineMessage } from '@lianjian/contracts';
import { MEMBERS_TOPICS, memberStreamId } from '../../topics';
import { MEMBER_KEY, category, memberPayload } from '../vocabulary';
import { example } from './example';

export const payload = memberPayload({ category, monthlyIncome: Nullable(Amount), effectiveFrom: IsoMonth });

export const DuesBaseDeclared = defineMessage({
  type: 'DuesBaseDeclared',
  schemaVersion: 1,
  topic: MEMBERS_TOPICS.member,
  key: { ...MEMBER_KEY, of: (data) => memberStreamId(data.memberId) },
  description: 'The category and monthly after-tax income that set the dues, from a month on.',
  payload,
  example,
});

import { Id, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ needId: Id, unitId: Id, claimedOn: IsoDate });

export const WishClaimed = defineMessage({
  type: 'WishClaimed',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.need,
  key: { ...STREAM_KEYS.need, of: (data) => projectsStreamId('need', data.needId) },
  description: 'A member unit claimed a wish (微心愿) directly, without a project.',
  payload,
  example,
});

import { Id, Text, IsoDate, Struct, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({ pairingId: Id, endedOn: IsoDate, reason: Text });

export const PairingEnded = defineMessage({
  type: 'PairingEnded',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.pairing,
  key: { ...STREAM_KEYS.pairing, of: (data) => projectsStreamId('pairing', data.pairingId) },
  description: 'A pairing ended, with the reason.',
  payload,
  example,
});

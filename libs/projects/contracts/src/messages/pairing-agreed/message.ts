import { Id, Text, Nullable, IsoDate, Struct, Type, defineMessage } from '@lianjian/contracts';
import { STREAM_KEYS, IdPair } from '../vocabulary';
import { PROJECTS_TOPICS, projectsStreamId } from '../../topics';
import { example } from './example';

export const payload = Struct({
  pairingId: Id,
  councilId: Nullable(Id),
  organizationIds: IdPair,
  commitments: Type.Array(Struct({ organizationId: Id, commitment: Text }), { minItems: 2 }),
  from: IsoDate,
  until: IsoDate,
});

export const PairingAgreed = defineMessage({
  type: 'PairingAgreed',
  schemaVersion: 1,
  topic: PROJECTS_TOPICS.pairing,
  key: { ...STREAM_KEYS.pairing, of: (data) => projectsStreamId('pairing', data.pairingId) },
  description:
    'Two different party organizations agreed a pairing (结对共建) for a period (`from` to `until`), under a council (`councilId`) or on their own, each side with at least one commitment (共建承诺).',
  payload,
  example,
});

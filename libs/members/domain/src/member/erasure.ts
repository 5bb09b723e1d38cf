import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '../errors';
import { type MemberEvent } from './member-events';
import { type Dated, idsOf, notFuture } from './guards';
import { type Member } from './state';

// Erasure of personal data: the encrypted protected data is dropped once; the member's history stays. It applies
// to any member, whether or not their membership has ended.

export type ErasureCommand = { kind: 'ErasePersonalData'; on: IsoDate; reason: string } & Dated;

/** Decides the erasure of a member's personal data. */
export function decideErasure(command: ErasureCommand, m: Member): MemberEvent[] {
  if (!m.protectedData)
    refuse('PERSONAL_DATA_ERASED', `the personal data was erased on ${m.personalDataErasedOn}`, 'memberId');
  return [
    {
      type: 'PersonalDataErased',
      data: { ...idsOf(m), erasedOn: notFuture(command.on, command.today, 'on'), reason: command.reason },
    },
  ];
}

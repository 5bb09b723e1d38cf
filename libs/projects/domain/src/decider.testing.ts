// Test helpers for the deciders' specs (not exported from the library).
import { ProjectRuleViolation } from './errors';

/** A command without the day it is decided on (the specs add it). */
export type Step<C> = C extends unknown ? Omit<C, 'today'> : never;

/** Runs the steps through decide and evolve from `initial`, each decided on the state the previous ones left. */
export function replay<C extends { today: string }, S, E>(
  decide: (command: C, state: S) => E[],
  evolve: (state: S, event: E) => S,
  initial: S,
  today: string,
  steps: ReadonlyArray<Step<C>>,
): { state: S; events: E[] } {
  let state = initial;
  const events: E[] = [];
  for (const step of steps)
    for (const event of decide({ ...step, today } as unknown as C, state)) {
      events.push(event);
      state = evolve(state, event);
    }
  return { state, events };
}

/** The refusal a call throws: its code and field (fails the test when nothing is refused). */
export function refusalOf(call: () => unknown): { code: string; field: string | null } {
  try {
    call();
  } catch (error) {
    if (error instanceof ProjectRuleViolation) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('not refused');
}

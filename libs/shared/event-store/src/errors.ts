import { type ExpectedVersion } from './types';

/** Base of every error the event store raises; `code` is stable and safe to show to clients. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
}

/** The stream was not at the version the caller expected: someone else wrote first. Retry with fresh state. */
export class WrongExpectedVersionError extends EventStoreError {
  readonly code = 'WRONG_EXPECTED_VERSION';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    readonly actualVersion: number,
  ) {
    super(
      `stream ${streamId} is at version ${actualVersion}, expected ${
        expected.kind === 'exact' ? `version ${expected.version}` : expected.kind
      }`,
    );
    this.name = 'WrongExpectedVersionError';
  }
}

/** The same commit id was appended before with different events. */
export class CommitIdReusedError extends EventStoreError {
  readonly code = 'COMMIT_ID_REUSED';
  constructor(
    readonly streamId: string,
    readonly commitId: string,
  ) {
    super(`commit id ${commitId} was already used on stream ${streamId} for other events`);
    this.name = 'CommitIdReusedError';
  }
}

export class InvalidAppendError extends EventStoreError {
  readonly code = 'INVALID_APPEND';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAppendError';
  }
}

export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: unknown; writeErrors?: unknown; errorResponse?: { code?: unknown } };
  return e.code === 11000 || e.code === 11001 || e.errorResponse?.code === 11000;
}

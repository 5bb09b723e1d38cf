import { type z } from 'zod';

/**
 * A setting that is missing or wrong: the service stops at start-up with every problem, each naming its setting
 * (`PORT: must be a port number 1–65535`). Values are never repeated in the message: some settings are secrets.
 */
export class ConfigurationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }

  /** One problem per zod issue, named by its path (`districts.pudong.minActivistMonths`), under a prefix. */
  static fromZod(error: z.ZodError, prefix = ''): ConfigurationError {
    return new ConfigurationError(
      error.issues.map((issue) => `${prefix}${issue.path.map(String).join('.') || '(root)'}: ${messageOf(issue)}`),
    );
  }
}

/** A record key at fault carries its own issues (the key's rule): those say what the key must be. */
function messageOf(issue: z.ZodError['issues'][number]): string {
  return issue.code === 'invalid_key' && issue.issues.length > 0
    ? issue.issues.map((i) => i.message).join('; ')
    : issue.message;
}

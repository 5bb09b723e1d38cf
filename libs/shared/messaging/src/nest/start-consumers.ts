import { type INestApplication } from '@nestjs/common';
import { ExponentialBackoff, handleAll, retry } from 'cockatiel';

/**
 * Starts the Kafka consumers (the app's Nest microservices) in the background, retrying until they start: after a
 * crash the group waits for the dead member's session to expire, and the API need not wait with it. Each failure is
 * logged with its attempt; the delay grows from 1 s to 30 s (decorrelated jitter).
 */
export function startConsumersInBackground(
  app: Pick<INestApplication, 'startAllMicroservices'>,
  service: string,
  options: { readonly logger?: Pick<Console, 'error'>; readonly initialDelayMs?: number } = {},
): Promise<void> {
  const logger = options.logger ?? console;
  const initialDelay = options.initialDelayMs ?? 1_000;
  const untilStarted = retry(handleAll, {
    maxAttempts: Number.POSITIVE_INFINITY,
    backoff: new ExponentialBackoff({ initialDelay, maxDelay: 30 * initialDelay }),
  });
  untilStarted.onRetry((failure) => {
    logger.error(
      `[${service}] the Kafka consumers failed to start (attempt ${failure.attempt}); retrying in ${Math.round(failure.delay)} ms`,
      'error' in failure ? failure.error : failure.value,
    );
  });
  return untilStarted.execute(async () => {
    await app.startAllMicroservices();
  });
}

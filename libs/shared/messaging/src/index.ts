export * from './envelope';
export * from './outbox-relay';
export * from './event-consumer';
export * from './projection';
export * from './metrics';
export * from './lease';
export * from './catch-up';
export * from './log-projection';

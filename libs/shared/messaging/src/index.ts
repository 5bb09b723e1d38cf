export * from './envelope';
export * from './outbox-relay';
export * from './event-consumer';
export * from './projection';
export * from './metrics';

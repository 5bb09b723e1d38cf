export * from './types';
export * from './errors';
export * from './event-store.port';
export * from './mongo-event-store';
export * from './in-memory-event-store';
export * from './aggregate';
export * from './commit-log';
export * from './command';

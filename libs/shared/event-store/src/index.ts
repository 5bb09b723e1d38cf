export * from './types';
export * from './errors';
export * from './mongo-event-store';
export * from './aggregate';
export * from './commit-log';
export * from './command';

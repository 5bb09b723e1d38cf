export * from './servers';
export * from './process';

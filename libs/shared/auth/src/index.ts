export * from './caller';
export * from './scope';
export * from './tokens';

export * from './caller';
export * from './scope';
export * from './tokens';
export * from './request-ids';

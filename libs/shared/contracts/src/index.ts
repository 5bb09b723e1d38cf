export * from './json-schema';
export * from './message';
export * from './envelope';
export * from './decode';
export * from './render';
export * from './type-equality';
export * from './personal-data';
export * from './sealed-box';

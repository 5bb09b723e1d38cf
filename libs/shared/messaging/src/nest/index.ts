// NestJS integration (ESM-only @nestjs/microservices), kept apart from the main entry so plain consumers and
// relays do not load Nest.
export * from './kafka-event-transport';
export * from './service-workers';
export * from './start-consumers';

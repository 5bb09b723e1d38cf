// Mobility (流动党员: flow-out and flow-in) and community registration (在职党员到社区报到): each on streams of its
// own beside the member stream, with pure deciders; lost contact stays the member stream's (`RecordLostContact`).
export * from './mobility-events';
export * from './mobile-member';
export * from './mobility';
export * from './community-registration';

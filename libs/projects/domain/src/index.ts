// The regional co-building projects domain (区域化党建, 共建联建): pure deciders and rules, no framework imports.
// Issue 13: councils, pairings, the three lists (needs, resources, projects) and their matching, the project
// lifecycle, the council's indicator score, ratings by the people served, and the "most creative project" selection.
export * from './errors';
export * from './model';
export * from './council';
export * from './pairing';
export * from './need';
export * from './resource';
export * from './matching';
export * from './project';
export * from './rating';
export * from './selection';
export * from './indicators';
export * from './satisfaction';
export * from './comment-screening';

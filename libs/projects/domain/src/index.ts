// The regional co-building projects domain (区域化党建, 共建联建): pure deciders and rules, no framework imports.
// Groundwork of issue 13: the project lifecycle, the council's indicator score, satisfaction and comment screening.
export * from './errors';
export * from './model';
export * from './project';
export * from './satisfaction';
export * from './comment-screening';

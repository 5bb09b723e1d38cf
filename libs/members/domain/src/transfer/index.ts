// Transfers of the organizational relationship (组织关系转接): one stream per transfer, its approval path derived from
// the organization tree, its letter, its deadline. The member lands by `MemberTransferred` on their own stream.
export * from './approval-path';
export * from './rules';
export * from './transfer-events';
export * from './transfer';
export * from './dues-standing';

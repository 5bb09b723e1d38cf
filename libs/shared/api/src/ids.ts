/** The ids clients may choose (aggregates, seats, sessions…): letters, digits, `_` and `-`, at most 64. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const idMessage = { message: '$property must be an id of 1–64 letters, digits, dashes or underscores' };

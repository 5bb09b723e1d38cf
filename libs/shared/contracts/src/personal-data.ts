import { Type } from '@sinclair/typebox';

/**
 * A person's name as it may travel in clear (ADR 0010): the first and last characters with a star for each one
 * between them (张*明, 欧**华), the first and a star for a two-character name (王*), a star alone for one. The full
 * name travels only as ciphertext under the person's data key.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A masked name (`maskName`): at most one clear character on each side of the stars — never a full name. */
export const MaskedName = Type.String({ pattern: '^[^*]?\\*+[^*]?$', maxLength: 200 });

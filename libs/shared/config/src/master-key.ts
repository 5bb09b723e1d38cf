import { readFileSync } from 'node:fs';
import { type RefinementCtx } from 'zod';

/**
 * A service's master key (32 bytes): from `<NAME>` (base64) or `<NAME>_FILE` (a file holding it, as a Kubernetes
 * secret mounts it); never from a committed file. Every problem is added to the settings' issues under the variable's
 * name, so start-up names it with the others; the key is empty then.
 */
export function readMasterKey(env: Readonly<Record<string, unknown>>, name: string, ctx: RefinementCtx): Buffer {
  const file = env[`${name}_FILE`];
  const setting = typeof file === 'string' && file ? `${name}_FILE` : name;
  try {
    const given = env[name];
    const text =
      typeof file === 'string' && file ? readFileSync(file, 'utf8').trim() : typeof given === 'string' ? given : '';
    if (!text) {
      ctx.addIssue({ code: 'custom', path: [name], message: `is required (base64, 32 bytes), or ${name}_FILE` });
      return Buffer.alloc(0);
    }
    const key = Buffer.from(text, 'base64');
    if (key.length !== 32)
      ctx.addIssue({ code: 'custom', path: [setting], message: 'must be 32 bytes, base64-encoded' });
    return key;
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      path: [setting],
      message: `cannot be read (${error instanceof Error ? error.message : String(error)})`,
    });
    return Buffer.alloc(0);
  }
}

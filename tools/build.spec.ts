import { readFileSync } from 'node:fs';
import path from 'node:path';

// `npm run build` compiles with SWC, which resolves the workspace's path aliases from .swcrc, not from
// tsconfig.base.json (which the type check, Jest and tools/testing/register-ts.js read). A library added to one and
// not the other builds and type-checks, then its service fails at start with "Cannot find module '@lianjian/…'".

const root = path.resolve(__dirname, '..');
const read = (file: string): unknown => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

describe('the build', () => {
  it('resolves every path alias the type check knows, to the same file', () => {
    const { compilerOptions } = read('tsconfig.base.json') as { compilerOptions: { paths: Record<string, string[]> } };
    const { jsc } = read('.swcrc') as { jsc: { baseUrl: string; paths: Record<string, string[]> } };
    expect(jsc.baseUrl).toBe('./');
    expect(jsc.paths).toEqual(compilerOptions.paths);
  });
});

// One Jest project per test level: *.spec.ts (unit, pure logic), *.int-spec.ts (integration: real Kafka and a
// MongoDB-compatible database), *.e2e-spec.ts (end to end through the gateway). Module aliases come from
// tsconfig.base.json.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const transform = {
  // TypeScript, and ESM-only packages (jose, temporal-polyfill and its temporal-utils, p-map) that Jest's CommonJS loader can't require
  // (Node itself loads them with require(esm) from 20.19 on: docs/adr/0017-dates-configuration-and-plumbing-libraries.md).
  '^.+\\.(ts|js)$': [
    '@swc/jest',
    {
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        keepClassNames: true,
      },
      module: { type: 'commonjs' },
      swcrc: false,
    },
  ],
};
const common = {
  rootDir: __dirname,
  moduleNameMapper,
  transform,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/tools'],
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/tools/bench/peers'],
  transformIgnorePatterns: ['/node_modules/(?!(jose|temporal-polyfill|temporal-utils|p-map)/)'],
};
const withServers = {
  globalSetup: '<rootDir>/libs/shared/testing/src/jest-global-setup.js',
  globalTeardown: '<rootDir>/libs/shared/testing/src/jest-global-teardown.js',
  setupFilesAfterEnv: ['<rootDir>/libs/shared/testing/src/jest-slow-tests.js'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    { ...common, ...withServers, displayName: 'integration', testMatch: ['**/*.int-spec.ts'] },
    { ...common, ...withServers, displayName: 'e2e', testMatch: ['**/*.e2e-spec.ts'] },
  ],
};

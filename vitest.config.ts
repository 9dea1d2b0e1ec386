import { createRequire } from 'node:module';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);
// Nest loads graphql through require (CJS) while vite would load the ESM build: two copies of
// graphql break `instanceof` checks inside graphql-js, so every import is pinned to one file.
const graphqlEntry = require.resolve('graphql');

const shared = {
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['api/src/**/*.test.ts', 'test/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        ...shared,
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        ...shared,
        // `npm run test:soak`: kill -9, two API processes, backups; heavy, so not part of `npm test`.
        test: {
          name: 'soak',
          include: ['test/soak/**/*.test.ts'],
          environment: 'node',
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});

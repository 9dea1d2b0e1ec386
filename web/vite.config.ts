import { vitePlugin as remix } from '@remix-run/dev';
import { defineConfig } from 'vite';
import tsconfigPaths from 'vite-tsconfig-paths';

declare module '@remix-run/node' {
  interface Future {
    v3_singleFetch: true;
  }
}

// Run from the repository root: `remix vite:build --config web/vite.config.ts`.
// The build lands in ./build (client assets in build/client, server in build/server/index.js),
// which `node web/server/index.mjs build/server/index.js` serves.
export default defineConfig({
  plugins: [
    remix({
      appDirectory: 'web/app',
      buildDirectory: 'build',
      // Server-only helpers sit beside their route as `<route>.server.ts`; they are not routes.
      ignoredRouteFiles: ['**/.*', '**/*.server.ts'],
      future: {
        v3_fetcherPersist: true,
        v3_relativeSplatPath: true,
        v3_throwAbortReason: true,
        v3_singleFetch: true,
        v3_lazyRouteDiscovery: true,
      },
    }),
    tsconfigPaths({ projects: ['web/tsconfig.json'] }),
  ],
});

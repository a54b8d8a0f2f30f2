import { defineConfig } from 'tsdown';

/**
 * The published build: one ESM file and one declaration file. Runtime code is only this package's own (tRPC's
 * client stays a dependency); the router's types come from `@chatapp/api` at build time and nothing of the server
 * is imported at run time.
 */
export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  // The router's type stays an import of `@chatapp/api` here (rolldown-plugin-dts cannot inline a router whose
  // type is inferred: it fails on `AppRouter`); scripts/router-types.ts then replaces it with dist/router.d.ts.
  dts: true,
  // A dev dependency (types only), which tsdown would otherwise try to bundle.
  external: ['@chatapp/api'],
  clean: true,
  outDir: 'dist',
});

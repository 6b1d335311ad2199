import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

/**
 * Every package the browser code imports (besides React and Remix, which the Remix plugin adds
 * itself), pre-bundled when the dev server starts. Dependency discovery is off: Remix's dev-time
 * CSS crawl walks the server graph through the browser's resolver, so with discovery on, the first
 * page request "discovers" drizzle, postgres, lucia… for the browser, re-bundles and reloads the
 * page ("Invalid hook call" while two copies of React meet, and whatever the user typed is gone).
 * A browser import missing here fails tests/integration/client-bundle.test.ts, which says what to add.
 */
// visx: the figures page hydrates its server-rendered SVG charts.
export const CLIENT_DEPENDENCIES = ["react-hook-form", "@hookform/resolvers/zod", "zod", "@visx/shape", "@visx/scale", "@visx/group"];

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
      "#workflows": fileURLToPath(new URL("./workflows", import.meta.url)),
    },
  },
  // A test can give a dev server an empty cache of its own, to see what a fresh checkout sees.
  cacheDir: process.env.VITE_CACHE_DIR || undefined,
  // PGlite ships its own WASM and data files; bundling it breaks their lookup.
  ssr: { external: ["@electric-sql/pglite", "postgres", "piscina"] },
  optimizeDeps: { noDiscovery: true, include: CLIENT_DEPENDENCIES },
  plugins: [remix(remixConfig)],
});

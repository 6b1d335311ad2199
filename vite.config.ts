import { vitePlugin as remix } from "@remix-run/dev";
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";
import remixConfig from "./remix.config.js";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: {
    alias: {
      "~": fileURLToPath(new URL("./app", import.meta.url)),
      "#db": fileURLToPath(new URL("./db", import.meta.url)),
      "#workflows": fileURLToPath(new URL("./workflows", import.meta.url)),
    },
  },
  // PGlite ships its own WASM and data files; bundling it breaks their lookup.
  ssr: { external: ["@electric-sql/pglite", "postgres"] },
  optimizeDeps: { exclude: ["@electric-sql/pglite"] },
  plugins: [remix(remixConfig)],
});

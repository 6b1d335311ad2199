// Remix options. The Vite plugin does not read this file by itself: vite.config.ts imports it and
// passes it to `remix(...)`, so the options live here, where a Remix developer looks for them.
/** @type {import('@remix-run/dev').VitePluginConfig} */
export default {
  // Separate build directories let several servers (e.g. parallel browser-test runs) coexist.
  buildDirectory: process.env.BUILD_DIR || "build",
  appDirectory: "app",
  serverModuleFormat: "esm",
  // Co-located tests, strings and domain modules under app/routes are not routes.
  ignoredRouteFiles: ["**/*.test.{ts,tsx}", "**/__*.*", "**/*.css"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    v3_singleFetch: true,
  },
};

/**
 * What reaches the browser. Builds the client bundle (in memory, nothing written) with the app's own
 * Vite config and inspects every module in it:
 *
 * - no server-only code: no `*.server.ts` module, no `.server/` folder, no Node built-in (Vite
 *   would stub it as "__vite-browser-external"), and no package the app depends on that is not a
 *   declared browser dependency — drizzle, postgres, PGlite, lucia, nodemailer, playwright-core,
 *   docx… can never ship to the browser;
 * - every package the browser code imports is pre-bundled by the dev server
 *   (`optimizeDeps.include`): with discovery off (vite.config.ts says why), one missing there
 *   would be served unbundled on the first visit.
 */
import fs from "node:fs";
import path from "node:path";
import { build, resolveConfig, type Plugin } from "vite";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** The package a resolved module path belongs to ("…/node_modules/@scope/name/x.js" → "@scope/name"). */
function packageOf(id: string): string | null {
  const at = id.lastIndexOf("/node_modules/");
  if (at < 0) return null;
  const rest = id.slice(at + "/node_modules/".length).split("/");
  return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
}

const isAppModule = (id: string) => !id.startsWith("\0") && id.startsWith(ROOT) && !id.includes("/node_modules/");
// Remix's default client entry lives in its package but is the app's own entry point.
const isEntry = (id: string) => id.includes("/@remix-run/dev/dist/config/defaults/");

type Inspected = { modules: string[]; bareImports: Map<string, string> };

async function buildClient(): Promise<Inspected> {
  const bareImports = new Map<string, string>();
  const resolved = new Map<string, { source: string; importer: string }>();
  const modules: string[] = [];
  const inspect: Plugin = {
    name: "inspect-client-bundle",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (!importer || /^[./~#\0]|^virtual:|^node:|^\//.test(source)) return null;
      if (!(isAppModule(importer) || isEntry(importer))) return null;
      const target = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (target) resolved.set(target.id, { source, importer });
      return target;
    },
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) if (chunk.type === "chunk") modules.push(...Object.keys(chunk.modules));
      // Imports that made it into the bundle (not the ones tree-shaken away with a loader). By
      // package: a package's entry that only re-exports is not itself listed among the modules.
      const kept = new Set(modules.map(packageOf));
      for (const [id, { source, importer }] of resolved) if (kept.has(packageOf(id))) bareImports.set(source, importer);
    },
  };
  const previous = process.env.BUILD_DIR;
  process.env.BUILD_DIR = path.join(ROOT, `build-test-client-${process.pid}`);
  try {
    await build({ root: ROOT, configFile: path.join(ROOT, "vite.config.ts"), logLevel: "error", build: { write: false }, plugins: [inspect] });
  } finally {
    if (previous === undefined) delete process.env.BUILD_DIR;
    else process.env.BUILD_DIR = previous;
  }
  return { modules, bareImports };
}

describe("the client bundle", () => {
  let bundle: Inspected;
  let prebundled: string[];
  let browserPackages: Set<string>;

  beforeAll(async () => {
    bundle = await buildClient();
    const devConfig = await resolveConfig({ root: ROOT, configFile: path.join(ROOT, "vite.config.ts"), logLevel: "error" }, "serve", "development");
    prebundled = devConfig.optimizeDeps.include ?? [];
    browserPackages = new Set(prebundled.map((specifier) => (specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!)));
  }, 120_000);

  it("is built from the app's routes (the inspection sees real modules)", () => {
    expect(bundle.modules.some((id) => id.endsWith("/app/routes/cases.new.tsx"))).toBe(true);
    expect(bundle.modules.some((id) => id.endsWith("/app/root.tsx"))).toBe(true);
    expect(bundle.bareImports.has("react-hook-form")).toBe(true);
  });

  it("holds no server-only module and no Node built-in", () => {
    const serverModules = bundle.modules.filter((id) => /\.server\.[cm]?[jt]sx?$|\/\.server\//.test(id));
    expect(serverModules).toEqual([]);
    expect(bundle.modules.filter((id) => id.includes("__vite-browser-external"))).toEqual([]);
  });

  it("holds no dependency of the app that is not a declared browser dependency", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const inBundle = new Set(bundle.modules.map(packageOf).filter((p): p is string => p !== null));
    const serverOnlyInBundle = Object.keys(manifest.dependencies).filter((name) => inBundle.has(name) && !browserPackages.has(name));
    expect(serverOnlyInBundle, "server packages in the browser bundle").toEqual([]);
    for (const name of ["drizzle-orm", "postgres", "@electric-sql/pglite", "lucia", "nodemailer", "playwright-core", "docx", "@remix-run/node"]) {
      expect(inBundle.has(name), name).toBe(false);
    }
  });

  it("pre-bundles every package the browser code imports (vite.config.ts CLIENT_DEPENDENCIES)", () => {
    const missing = [...bundle.bareImports].filter(([specifier]) => !prebundled.includes(specifier)).map(([specifier, importer]) => `${specifier} (imported by ${path.relative(ROOT, importer)})`);
    expect(missing, "add these to CLIENT_DEPENDENCIES in vite.config.ts").toEqual([]);
  });
});

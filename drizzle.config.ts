import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used: migrations are applied by the app itself (see
// app/db/migrate.server.ts), because drizzle-kit's own migrate cannot load PGlite extensions.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./drizzle",
});

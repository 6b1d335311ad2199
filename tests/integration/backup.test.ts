import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { freshCliDatabase, runCli } from "../support/cli";

/** Backup and restore through the npm commands, on whichever engine this run uses. */
describe("db:backup / db:restore", () => {
  it("restores a backup into an empty database with every case intact and the audit chain valid", async () => {
    const source = await freshCliDatabase();
    const target = await freshCliDatabase();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pilot-backup-")), "backup.dump");
    expect(runCli("app/cli/db-seed.ts", ["--demo"], source.env).code).toBe(0);
    const backup = runCli("app/cli/db-backup.ts", [file], source.env);
    expect(backup.code, backup.stderr).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    const restore = runCli("app/cli/db-restore.ts", [file], target.env);
    expect(restore.code, restore.stderr).toBe(0);
    const verify = runCli("app/cli/audit-verify.ts", [], target.env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/审计链完整/);
    // The restored database serves the third batch: export it and compare with the source.
    const outA = `${file}.a.md`;
    const outB = `${file}.b.md`;
    expect(runCli("app/cli/bulletin-export.ts", ["--batch", "3", "--format", "md", "--out", outA], source.env).code).toBe(0);
    expect(runCli("app/cli/bulletin-export.ts", ["--batch", "3", "--format", "md", "--out", outB], target.env).code).toBe(0);
    expect(fs.readFileSync(outB, "utf8")).toBe(fs.readFileSync(outA, "utf8"));

    // A restore never goes into a database that has data.
    const again = runCli("app/cli/db-restore.ts", [file], target.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/不是空的/);
  }, 180_000);
});

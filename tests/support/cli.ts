import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, inject } from "vitest";
import { withDatabase } from "./global-setup";

export { freePort } from "./ports";

/** One process per command (the tsx binary would fork a child with another pid). */
const NODE_ARGS = ["--import", "tsx"];

/** Environment for CLI commands against a database of their own (a temp PGlite dir, or a new server database). */
export async function freshCliDatabase(): Promise<{ env: NodeJS.ProcessEnv; engine: "pglite" | "postgres" }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const base = { ...process.env, DATABASE_URL: "", PGLITE_DIR: "" };
  if (serverUrl) {
    const name = `pilot_cli_${inject("runId")}_${randomBytes(3).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    afterAll(async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    return { env: { ...base, DATABASE_URL: withDatabase(serverUrl, name) }, engine: "postgres" };
  }
  return { env: { ...base, DATABASE_URL: undefined, PGLITE_DIR: tempPgliteDir() }, engine: "pglite" };
}

export function tempPgliteDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pilot-cli-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, "pglite");
}

export function runCli(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [...NODE_ARGS, script, ...args], { env: clean(env), encoding: "utf8", timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a long-running command and resolves once its output contains `ready`. */
export function startCli(script: string, args: string[], env: NodeJS.ProcessEnv, ready: RegExp) {
  const child = spawn(process.execPath, [...NODE_ARGS, script, ...args], { env: clean(env), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const started = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => reject(new Error(`exited ${code} before ready: ${output}`)));
  });
  return { child, started, output: () => output };
}

function clean(env: NodeJS.ProcessEnv) {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out as NodeJS.ProcessEnv;
}

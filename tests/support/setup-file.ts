import { afterEach, vi } from "vitest";

// A console.error during a test is a defect the test did not see: fail it.
let errors: unknown[][] = [];
const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};
afterEach(() => {
  const seen = errors;
  errors = [];
  vi.restoreAllMocks();
  if (seen.length && !process.env.ALLOW_CONSOLE_ERROR) {
    throw new Error(`console.error was called during the test: ${seen.map((a) => a.map(String).join(" ")).join("\n")}`);
  }
});

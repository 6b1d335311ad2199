/**
 * zod validates without compiling code: its JIT probes `new Function("")` once, which the
 * Content-Security-Policy (no 'unsafe-eval') blocks and reports as a violation on every page that
 * validates. Imported first by app/root.tsx, because Remix's hydration script evaluates the route
 * modules (root first) before the client entry.
 */
import { z } from "zod";

z.config({ jitless: true });

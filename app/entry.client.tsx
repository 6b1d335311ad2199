/**
 * Remix's default client entry, plus one setting: zod validates without compiling code. Its JIT
 * probes `new Function("")` once, which the Content-Security-Policy (no 'unsafe-eval') blocks and
 * reports as a violation on every page that validates a form.
 */
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { z } from "zod";

z.config({ jitless: true });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});

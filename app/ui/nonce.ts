import { createContext, useContext } from "react";

/**
 * The CSP nonce of this response, provided by app/entry.server.tsx around the whole document.
 * The root loader's data carries it too, but an error page rendered without that data (an unknown
 * address, a loader that threw) still needs it: without the nonce its inline scripts are blocked
 * and the page never hydrates. On the client the value is not needed (the scripts have run).
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(fallback?: string) {
  return useContext(NonceContext) ?? fallback;
}

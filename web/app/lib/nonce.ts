import { createContext, useContext } from 'react';

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** This response's Content-Security-Policy nonce (web/server/index.mjs). */
    cspNonce?: string;
    /** The client's address as the web server saw it, through trusted proxies only. */
    clientAddress?: string;
  }
}

/**
 * The CSP nonce while rendering on the server. In the browser it is empty: browsers hide nonce
 * attributes from scripts, and nothing rendered after hydration needs one.
 */
export const NonceContext = createContext<string | undefined>(undefined);

export function useNonce(): string | undefined {
  return useContext(NonceContext);
}

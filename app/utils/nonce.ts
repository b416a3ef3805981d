import { createContext, useContext } from "react";

// The CSP nonce of this response (server/http-security.ts makes it, entry.server passes it on).
// In the browser it is "": browsers hide nonce attributes, and scripts added after load need none.
export const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);

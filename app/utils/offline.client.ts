/** The page cache of public/sw.js; cleared when nobody is signed in (shared school computers). */
export const PAGE_CACHE = "cb-pages-v1";

/** Registers the service worker that lets a school board reload offline (production builds only). */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  const register = () => navigator.serviceWorker.register("/sw.js").catch((error) => console.warn("service worker not registered", error));
  // Remix's entry script is an async module: the page may have finished loading before it runs.
  if (document.readyState === "complete") void register();
  else window.addEventListener("load", () => void register(), { once: true });
}

export function forgetCachedPages() {
  if ("caches" in window) void caches.delete(PAGE_CACHE);
}

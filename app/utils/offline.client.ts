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

/** Where a board's evidence list is kept for offline reloads (app/features/evidence/offline-queue.ts). */
export const EVIDENCE_LISTS_DB = "campaign-board-evidence-lists";

export function forgetCachedPages() {
  if ("caches" in window) void caches.delete(PAGE_CACHE);
  // What a board showed is the signed-out person's, not the next one's (photos waiting to upload stay theirs).
  if ("indexedDB" in window) indexedDB.deleteDatabase(EVIDENCE_LISTS_DB);
}

/**
 * Asks the service worker to keep this page (and every script it has loaded) for offline use. A
 * page reached by client-side navigation — a board right after signing in — never went through
 * the worker as a navigation, so without this it would not reload offline until a second visit.
 */
export function keepPageForOffline(path: string) {
  if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
  void navigator.serviceWorker.ready.then((registration) => {
    const assets = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((name) => name.startsWith(`${location.origin}/assets/`));
    for (const el of document.querySelectorAll<HTMLLinkElement | HTMLScriptElement>("link[rel=modulepreload], link[rel=stylesheet], script[src]")) {
      const url = "href" in el ? el.href : el.src;
      if (url.startsWith(`${location.origin}/assets/`)) assets.push(url);
    }
    registration.active?.postMessage({ type: "keep-page", url: path, assets });
  });
}

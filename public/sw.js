// Campaign Board service worker: lets a school board reload with no network at all.
// - Built assets (/assets/*, content-hashed) are cached on first use and served from the cache.
// - A school board page (/schools/<slug>) is fetched from the network when there is one, and its
//   last copy is kept; offline, that copy is served. The board's own edits made offline live in
//   IndexedDB (y-indexeddb) and are merged on top when the page starts, then synced on reconnect.
// Everything else goes to the network as usual. Signing out clears the page cache (login page).
const ASSETS = "cb-assets-v1";
const PAGES = "cb-pages-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (![ASSETS, PAGES].includes(key)) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (url.pathname.startsWith("/assets/") || url.pathname === "/favicon.svg") {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate" && url.pathname.startsWith("/schools/")) {
    event.respondWith(networkFirst(request));
  }
});

async function cacheFirst(request) {
  const cache = await caches.open(ASSETS);
  const hit = await cache.match(request);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(PAGES);
  try {
    const response = await fetch(request);
    // Only a rendered board is worth keeping (not a redirect to sign-in or an error page).
    if (response.ok && response.type === "basic" && !response.redirected) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw error;
  }
}

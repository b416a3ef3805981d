// Campaign Board service worker: lets a school board reload with no network at all.
// - Built assets (/assets/*, content-hashed) are cached on first use and served from the cache.
// - A school board page (/schools/<slug>) is fetched from the network when there is one, and its
//   last copy is kept; offline, that copy is served. The board's own edits made offline live in
//   IndexedDB (y-indexeddb) and are merged on top when the page starts, then synced on reconnect.
// - A board reached by client-side navigation (the usual way, right after signing in) was never a
//   navigation the worker saw: the page asks the worker to keep it ("keep-page"), with the scripts
//   it has loaded, so it reloads offline from the very first visit.
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

self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep-page" || typeof data.url !== "string") return;
  const assets = Array.isArray(data.assets) ? data.assets.filter((a) => typeof a === "string").slice(0, 300) : [];
  event.waitUntil(keepPage(data.url, assets).catch(() => undefined));
});

const sameOriginPath = (value) => {
  try {
    const url = new URL(value, self.location.origin);
    return url.origin === self.location.origin ? url.pathname : null;
  } catch {
    return null;
  }
};

async function keepPage(pageUrl, assets) {
  const path = sameOriginPath(pageUrl);
  if (!path || !path.startsWith("/schools/")) return;
  const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "text/html" } });
  if (!response.ok || response.redirected || !(response.headers.get("content-type") ?? "").includes("text/html")) return;
  await (await caches.open(PAGES)).put(path, response.clone());
  // The page's own scripts and styles (in its HTML) and the ones loaded since (lazy chunks).
  const html = await response.text();
  const wanted = new Set();
  for (const match of html.matchAll(/["'](\/assets\/[^"'?#]+)["']/g)) wanted.add(match[1]);
  for (const asset of assets) {
    const p = sameOriginPath(asset);
    if (p && p.startsWith("/assets/")) wanted.add(p);
  }
  const cache = await caches.open(ASSETS);
  await Promise.all(
    [...wanted].map(async (p) => {
      if (await cache.match(p)) return;
      const r = await fetch(p);
      if (r.ok) await cache.put(p, r);
    }),
  );
}

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
    // Kept by "keep-page" under its path alone: a board with filters in its query is the same page.
    const hit = (await cache.match(request, { ignoreVary: true })) ?? (await cache.match(new URL(request.url).pathname, { ignoreVary: true }));
    if (hit) return hit;
    throw error;
  }
}

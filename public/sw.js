// Campaign Board service worker: lets a school board reload with no network at all.
// - Built assets (/assets/*, content-hashed) are cached on first use and served from the cache.
// - A school board page (/schools/<slug>) is fetched from the network when there is one, and its
//   last copy is kept; offline, that copy is served. The board's own edits made offline live in
//   IndexedDB (y-indexeddb) and are merged on top when the page starts, then synced on reconnect.
// - A board reached by client-side navigation (the usual way, right after signing in) was never a
//   navigation the worker saw: the page asks the worker to keep it ("keep-page"), with the scripts
//   it has loaded, so it reloads offline from the very first visit; the worker also keeps the
//   chunks those scripts load lazily (opening a card, the date picker), so they work offline too.
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
  // The page's own scripts and styles (in its HTML) and the ones loaded since (lazy chunks).
  const html = await response.clone().text();
  const wanted = new Set();
  for (const match of html.matchAll(/["'](\/assets\/[^"'?#]+)["']/g)) wanted.add(match[1]);
  for (const asset of assets) {
    const p = sameOriginPath(asset);
    if (p && p.startsWith("/assets/")) wanted.add(p);
  }
  // And what those scripts import lazily (an open card's contents, the date picker): the page may
  // need them offline although it has not run them yet (docs/benchmarks.md, "Page weight").
  const cache = await caches.open(ASSETS);
  let batch = [...wanted];
  while (batch.length > 0 && wanted.size <= 300) {
    const found = await Promise.all(batch.map((p) => keepAsset(cache, p)));
    batch = [];
    for (const p of found.flat()) {
      if (wanted.has(p)) continue;
      wanted.add(p);
      batch.push(p);
    }
  }
  // Kept last: a page in the cache is a page that reloads offline, its code and all.
  await (await caches.open(PAGES)).put(path, response);
}

/** Caches one asset (if not yet) and returns the chunks and styles a script of it names. */
async function keepAsset(cache, p) {
  let response = await cache.match(p);
  if (!response) {
    response = await fetch(p).catch(() => null);
    if (!response?.ok) return [];
    await cache.put(p, response.clone());
  }
  if (!p.endsWith(".js")) return [];
  const code = await response.text();
  return [...code.matchAll(/["'](?:\.\/|\/?assets\/)([\w.()-]+\.(?:js|css))["']/g)].map((m) => `/assets/${m[1]}`);
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

/**
 * The JavaScript a page of a production build can load, read from the build itself (no browser):
 * Remix's manifest gives the chunks a route needs before hydration (entry, root, the route and
 * their static imports); each chunk's `import("./x.js")` gives what loads later. Pure and
 * deterministic, shared by bench/pages/chunks.ts (the table in docs/benchmarks.md) and the weight
 * guard in tests/security/page-weight.test.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export type RemixManifest = {
  entry: { module: string; imports: string[] };
  routes: Record<string, { id: string; parentId?: string; module: string; imports?: string[] }>;
  url: string;
};

export type Build = { dir: string; manifest: RemixManifest };

/** The client side of a build directory (BUILD_DIR, default build/). */
export function readBuild(buildDir = process.env.BUILD_DIR ?? "build"): Build {
  const dir = path.join(buildDir, "client");
  const assets = path.join(dir, "assets");
  // The newest, should an older build's files still lie beside it.
  const file = fs
    .readdirSync(assets)
    .filter((f) => /^manifest-[\w-]+\.js$/.test(f))
    .sort((a, b) => fs.statSync(path.join(assets, b)).mtimeMs - fs.statSync(path.join(assets, a)).mtimeMs)[0];
  if (!file) throw new Error(`no Remix manifest in ${assets}: run npm run build first`);
  const text = fs.readFileSync(path.join(assets, file), "utf8");
  const manifest = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as RemixManifest;
  return { dir, manifest };
}

/** "/assets/x.js" → its code. */
export const chunkCode = (build: Build, url: string) => fs.readFileSync(path.join(build.dir, url), "utf8");

export const gzipBytes = (code: string | Buffer) => gzipSync(code).length;

/** The routes of a page, root first (a route and its parents). */
export function routeChain(build: Build, routeId: string): string[] {
  const chain: string[] = [];
  for (let id: string | undefined = routeId; id; id = build.manifest.routes[id]?.parentId) {
    if (!build.manifest.routes[id]) throw new Error(`no route ${id} in the manifest`);
    chain.unshift(id);
  }
  return chain;
}

/**
 * What a page requests before it hydrates: entry, each route's module and their imports. (The
 * manifest script is not among them: with lazy route discovery the page inlines its part.)
 */
export function initialChunks(build: Build, routeId: string): string[] {
  const urls = new Set<string>([build.manifest.entry.module, ...build.manifest.entry.imports]);
  for (const id of routeChain(build, routeId)) {
    const route = build.manifest.routes[id]!;
    urls.add(route.module);
    for (const u of route.imports ?? []) urls.add(u);
  }
  return [...urls];
}

const staticImport = /(?:\bfrom\s*|\bimport\s*)["']\.\/([\w.()-]+\.js)["']/g;
const dynamicImport = /\bimport\(\s*["']\.\/([\w.()-]+\.js)["']\s*\)/g;

/** The chunks one chunk imports statically ("./x.js" → "/assets/x.js"). */
export function staticImports(build: Build, url: string): string[] {
  return [...chunkCode(build, url).matchAll(staticImport)].map((m) => `/assets/${m[1]}`);
}

export type DynamicImport = { from: string; target: string; offset: number };

/** Every `import("./x.js")` in a set of chunks, with where it sits (for the source map). */
export function dynamicImports(build: Build, urls: Iterable<string>): DynamicImport[] {
  const found: DynamicImport[] = [];
  for (const from of urls) {
    for (const m of chunkCode(build, from).matchAll(dynamicImport)) found.push({ from, target: `/assets/${m[1]}`, offset: m.index! });
  }
  return found;
}

/** A chunk and all it imports statically (what one `import()` of it fetches). */
export function staticClosure(build: Build, url: string, seen = new Set<string>()): Set<string> {
  if (seen.has(url)) return seen;
  seen.add(url);
  for (const u of staticImports(build, url)) staticClosure(build, u, seen);
  return seen;
}

/**
 * The dynamic imports a visit to a Vietnamese page does not make by itself, by chunk name, and
 * when they load instead. Every other import() reachable from a page counts towards its weight
 * (the board's replica session, the overview's charts: they load right after hydration).
 */
export const LOADED_ONLY_WHEN: Record<string, string> = {
  "messages.en": "the page is in English",
  "due-date-calendar.client": "the date picker is opened",
  "card-dialog-body": "a card is opened (or a pointer or the focus is on its title)",
  "board-feed-body": "the board's activity feed is opened",
  "board-dnd": "a mouse moves over the board, or a finger, the focus or a key is in it",
};

/** "/assets/board-session.client-BHtFyE_y.js" → "board-session.client". */
export const chunkName = (url: string) => path.basename(url).replace(/-[\w-]{8}\.js$/, "");

/**
 * The page's chunks in the order a visit loads them: `initial` before hydration, then each
 * dynamic import reachable from there (`lazy`, with the chunk that asks for it), new chunks only.
 * Which of the lazy ones load without a user action is decided by the caller (by module name).
 */
export function pageChunks(build: Build, routeId: string) {
  const initial = new Set<string>();
  for (const u of initialChunks(build, routeId)) staticClosure(build, u, initial);
  const lazy = new Map<string, { via: DynamicImport; chunks: string[] }>();
  const known = new Set(initial);
  const queue = [...initial];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const d of dynamicImports(build, [from])) {
      if (lazy.has(d.target) || initial.has(d.target)) continue;
      const chunks = [...staticClosure(build, d.target)].filter((u) => !known.has(u));
      chunks.forEach((u) => known.add(u));
      lazy.set(d.target, { via: d, chunks });
      queue.push(...chunks);
    }
  }
  return { initial: [...initial], lazy };
}

/** The gzip bytes a visit loads by itself: before hydration, then every import() not in LOADED_ONLY_WHEN. */
export function pageWeight(build: Build, routeId: string) {
  const { initial, lazy } = pageChunks(build, routeId);
  const counted = [...initial];
  for (const [target, { chunks }] of lazy) if (!(chunkName(target) in LOADED_ONLY_WHEN)) counted.push(...chunks);
  return { counted, bytes: counted.reduce((n, url) => n + gzipBytes(chunkCode(build, url)), 0) };
}

/**
 * bench/pages/chunks — what a page's JavaScript is made of, from a production build: every chunk
 * the page can load (before hydration, then each dynamic import with the module that asks for
 * it), its gzip size, and the biggest parts in it (package or app folder; each module minified
 * alone, the chunk's gzip shared out in proportion, so the parts are estimates, the totals exact).
 *   BUILD_DIR=/tmp/wbuild npx remix vite:build --config bench/pages/analyse.vite.config.ts
 *   BUILD_DIR=/tmp/wbuild node --import tsx bench/pages/chunks.ts [routeId …] [--top 8]
 * Built with the plain config it prints the sizes only.
 */
import fs from "node:fs";
import path from "node:path";
import type { ChunkModules } from "./analyse.vite.config";
import { chunkCode, chunkName, gzipBytes, LOADED_ONLY_WHEN, pageChunks, pageWeight, readBuild, type Build } from "./chunk-graph";

const args = process.argv.slice(2);
const topAt = args.indexOf("--top");
const TOP = topAt >= 0 ? Number(args[topAt + 1]) : 6;
const routes = args.filter((a, i) => !a.startsWith("--") && (topAt < 0 || i !== topAt + 1));
const ROUTES = routes.length > 0 ? routes : ["routes/schools.$slug.($campaign)", "routes/overview"];

/** node_modules/@scope/pkg/… → @scope/pkg (zod by its sub-API); app/x/y/z.ts → app/x/y/ (messages one by one). */
export function groupOf(id: string): string {
  const clean = id.replace(/^\0/, "").replace(/\?.*$/, "");
  const nm = clean.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const parts = clean.slice(nm + "node_modules/".length).split("/");
    const pkg = parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
    if (pkg === "zod") return `zod/${parts.slice(1, -1).join("/") || "."}`;
    return pkg;
  }
  const app = clean.lastIndexOf("/app/");
  if (app >= 0) {
    const rel = clean.slice(app + 1);
    if (rel.startsWith("app/i18n/")) return rel.replace(/^app\/i18n\//, "i18n/");
    return rel.split("/").slice(0, -1).join("/") + "/";
  }
  return path.basename(clean);
}

const build: Build = readBuild();
const modulesFile = path.join(build.dir, "..", "chunk-modules.json");
const modules: ChunkModules | null = fs.existsSync(modulesFile) ? JSON.parse(fs.readFileSync(modulesFile, "utf8")) : null;
const kb = (n: number) => (n / 1024).toFixed(1);

function describe(url: string) {
  const gz = gzipBytes(chunkCode(build, url));
  const mods = modules?.[url.replace(/^\//, "")];
  if (!mods) return { gz, parts: "" };
  const groups = new Map<string, number>();
  for (const [id, n] of mods) groups.set(groupOf(id), (groups.get(groupOf(id)) ?? 0) + n);
  const total = [...groups.values()].reduce((a, b) => a + b, 0) || 1;
  const parts = [...groups]
    .sort((a, b) => b[1] - a[1])
    .slice(0, TOP)
    .filter(([, n]) => (gz * n) / total >= 0.3 * 1024)
    .map(([g, n]) => `${g} ${kb((gz * n) / total)}`)
    .join(", ");
  return { gz, parts };
}

for (const routeId of ROUTES) {
  const { initial, lazy } = pageChunks(build, routeId);
  console.log(`\n## ${routeId}`);
  console.log("| chunk | loads | KB gzip | biggest parts (KB gzip, estimated) |");
  console.log("|---|---|---|---|");
  let before = 0;
  for (const url of initial) {
    const d = describe(url);
    before += d.gz;
    console.log(`| ${path.basename(url)} | before hydration | ${kb(d.gz)} | ${d.parts} |`);
  }
  let after = 0;
  for (const [target, { via, chunks }] of lazy) {
    for (const url of chunks) {
      const d = describe(url);
      after += d.gz;
      const only = LOADED_ONLY_WHEN[chunkName(target)];
      const when = (url === target ? `import() from ${chunkName(via.from)}` : `with ${chunkName(target)}`) + (only ? `, only when ${only}` : "");
      console.log(`| ${path.basename(url)} | ${when} | ${kb(d.gz)} | ${d.parts} |`);
    }
  }
  const { bytes } = pageWeight(build, routeId);
  console.log(`\nbefore hydration: ${kb(before)} KB gzip in ${initial.length} chunks; every import() reachable from them: +${kb(after)} KB`);
  console.log(`a visit loads by itself (the weight we count): ${kb(bytes)} KB gzip`);
}

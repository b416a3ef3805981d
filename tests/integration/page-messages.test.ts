import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The browser has the root's messages (app/i18n/vi/*.json) and, per page, the packs its route
// modules register (app/i18n/pages.ts, vi/pages/*.json). A page that showed a key of a pack it
// did not register would show the key after hydrating. This reads the code, not a browser: every
// key-looking string ("admin.people…", `overview.${…}`) in the modules a route imports (outside
// *.server.ts, which never reach the browser) must be in the root or in a pack that route, or
// a route above it, registers.

const APP = path.resolve(__dirname, "../../app");
const PACKS_DIR = path.join(APP, "i18n/vi/pages");
const packs = new Map(fs.readdirSync(PACKS_DIR).map((f) => [`${path.basename(f, ".json")}Pages`, JSON.parse(fs.readFileSync(path.join(PACKS_DIR, f), "utf8"))]));

/** Every key a pack holds ("board.dialog.title"; a plural's "_one"/"_other" dropped). */
const leaves = (tree: object, prefix = ""): string[] =>
  Object.entries(tree).flatMap(([k, v]) => (v && typeof v === "object" ? leaves(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|other)$/, "")}`]));
const packKeys = new Map([...packs].map(([name, tree]) => [name, new Set(leaves(tree))]));
const packTops = new Set([...packs.values()].flatMap((tree) => Object.keys(tree)));

function resolve(from: string, spec: string): string | null {
  const base = spec.startsWith("~/") ? path.join(APP, spec.slice(2)) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
  if (!base) return null;
  for (const ext of ["", ".ts", ".tsx", "/index.ts", "/index.tsx"]) {
    const file = base + ext;
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file;
  }
  return null;
}

/** The app modules a route module brings into the browser (server-only ones and JSON left out). */
function clientGraph(entry: string, seen = new Set<string>()): Set<string> {
  if (seen.has(entry)) return seen;
  seen.add(entry);
  for (const m of fs.readFileSync(entry, "utf8").matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["']([^"']+)["']/g)) {
    const file = resolve(entry, m[1]!);
    if (file && !file.endsWith(".json") && !file.includes(".server.")) clientGraph(file, seen);
  }
  return seen;
}

/** The packs a set of modules needs: each key-looking string whose "top.sub" (or `top.${…}`) only a pack has. */
function packsNeeded(files: Iterable<string>): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  for (const file of files) {
    // "board.dialog.title", or `board.dialog.${…}` (then every key under "board.dialog.").
    for (const m of fs.readFileSync(file, "utf8").matchAll(/["'`]([a-zA-Z]+(?:\.[a-zA-Z_]+)*)(\.\$\{)?/g)) {
      const [, key, dynamic] = m;
      if (!packTops.has(key!.split(".")[0]!) || (!dynamic && !key!.includes("."))) continue;
      for (const [name, keys] of packKeys) {
        const hit = dynamic ? [...keys].some((k) => k.startsWith(`${key}.`)) : keys.has(key!);
        if (hit) needed.set(name, [...(needed.get(name) ?? []), `${path.relative(APP, file)}: ${key}${dynamic ? ".${…}" : ""}`]);
      }
    }
  }
  return needed;
}

/** Remix's flat routes: "admin.people._index.tsx" sits under "admin.tsx" when that file exists. */
function parents(routeFile: string): string[] {
  const name = path.basename(routeFile).replace(/\.tsx?$/, "");
  const parts = name.split(".");
  const out: string[] = [];
  for (let i = parts.length - 1; i > 0; i--) {
    const parent = resolve(path.join(APP, "routes", "x"), `./${parts.slice(0, i).join(".")}`);
    if (parent) out.push(parent);
  }
  return out;
}

const registered = (file: string) => [...fs.readFileSync(file, "utf8").matchAll(/registerMessages\((\w+Pages)\)/g)].map((m) => m[1]!);

const ROUTES = fs
  .readdirSync(path.join(APP, "routes"))
  .map((f) => path.join(APP, "routes", f))
  .filter((f) => /export default function/.test(fs.readFileSync(f, "utf8")));

describe("each page registers the messages its code uses", () => {
  it("the root uses no page's pack", () => {
    expect([...packsNeeded(clientGraph(path.join(APP, "root.tsx")))]).toEqual([]);
  });

  for (const route of ROUTES) {
    it(path.basename(route), () => {
      const graph = clientGraph(route);
      const has = new Set([route, ...parents(route)].flatMap(registered));
      // A module that registers a pack when it loads (a lazily loaded part: a card's dialog, the
      // feed) covers itself and what it imports, not the rest of the page.
      const coveredBy = [...graph].flatMap((m) => registered(m).map((pack) => ({ pack, files: clientGraph(m) })));
      const missing = [...graph].flatMap((file) =>
        [...packsNeeded([file])]
          .filter(([name]) => !has.has(name) && !coveredBy.some((c) => c.pack === name && c.files.has(file)))
          .map(([name, where]) => `${name} (${where[0]})`),
      );
      expect(missing).toEqual([]);
    });
  }

  it("the board route registers no pack (its page shows the root's messages; its lazily loaded parts register their own)", () => {
    expect(registered(path.join(APP, "routes/schools.$slug.($campaign).tsx"))).toEqual([]);
  });
});

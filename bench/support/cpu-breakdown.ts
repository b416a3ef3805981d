/**
 * Where a server's CPU went during a bench's edits, from a `node --cpu-prof` profile
 * (BENCH_PROFILE=dir npm run bench:observers writes one per server):
 *   node --import tsx bench/support/cpu-breakdown.ts <file.cpuprofile> <edits>
 * Only the samples inside the edit windows count: from the first to the last sample under
 * Room.submit, split where none was seen for 300 ms (each round's connecting and syncing). Each
 * sample goes to the first part of the path its stack passes through, in the order below.
 */
import fs from "node:fs";

interface Frame { functionName: string; url: string }
interface Node { id: number; callFrame: Frame; children?: number[] }
const [file, editsArg] = process.argv.slice(2);
const profile = JSON.parse(fs.readFileSync(file!, "utf8")) as { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };
const edits = Number(editsArg ?? 400);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const stackOf = (id: number) => {
  const frames: Frame[] = [];
  for (let c: number | undefined = id; c !== undefined; c = parent.get(c)) frames.push(byId.get(c)!.callFrame);
  return frames;
};
let t = profile.startTime;
const samples = profile.samples.map((id, i) => ({ stack: stackOf(id), t: (t += profile.timeDeltas[i] ?? 0), dt: profile.timeDeltas[i + 1] ?? 0 }));
const windows: [number, number][] = [];
for (const s of samples) {
  if (!s.stack.some((f) => f.functionName === "submit" && f.url.includes("collab/room.ts"))) continue;
  const last = windows.at(-1);
  if (last && s.t - last[1] < 300_000) last[1] = s.t;
  else windows.push([s.t, s.t]);
}
const under = (re: RegExp) => (stack: Frame[]) => stack.some((f) => re.test(f.url));
const parts: [string, (stack: Frame[]) => boolean][] = [
  ["Prisma (activity, webhooks, projection, session checks)", under(/@prisma|\.prisma\/client|adapter-better-sqlite3/)],
  ["validation (shadow replica, decoding, domain rules)", under(/collab\/validation\.ts|validate-change|touched-cards|decode-board/)],
  ["durable append (update log)", under(/collab\/append-log\.ts/)],
  ["broadcast (apply to the live doc, 100 sends)", under(/collab\/broadcast\.ts/)],
  ["activity diff", under(/domain\/activity\.ts/)],
  ["message decoding and sync answers", under(/collab\/protocol\.ts|collab\/update-shape\.ts/)],
  ["presence", under(/collab\/presence\.ts/)],
  ["ws frames in", under(/ws\/lib\/(receiver|websocket)\.js/)],
  ["garbage collector", (s) => s[0]!.functionName === "(garbage collector)"],
  ["idle", (s) => s[0]!.functionName === "(idle)"],
  ["other", () => true],
];
const sums = new Map(parts.map(([name]) => [name, 0]));
let busy = 0;
for (const s of samples) {
  if (!windows.some(([a, b]) => s.t >= a && s.t <= b)) continue;
  const name = parts.find(([, test]) => test(s.stack))![0];
  sums.set(name, sums.get(name)! + s.dt);
  if (name !== "idle") busy += s.dt;
}
console.log(`${windows.length} edit windows, ${(windows.reduce((n, [a, b]) => n + b - a, 0) / 1000).toFixed(0)} ms; busy ${(busy / 1000).toFixed(0)} ms = ${(busy / 1000 / edits).toFixed(2)} ms per edit (${edits} edits)\n`);
console.log("| part | CPU per edit | share |\n|---|---|---|");
for (const [name, us] of sums) if (name !== "idle") console.log(`| ${name} | ${(us / 1000 / edits).toFixed(2)} ms | ${((100 * us) / busy).toFixed(0)} % |`);

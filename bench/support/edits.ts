/**
 * What every collaboration bench measures, once: one writer ticks / unticks a checklist item
 * `edits` times; a latency is from the writer's local change until every observer has applied it.
 * The clients are stock y-websocket providers (tests/support/collab-client) in this process.
 */
import fs from "node:fs";
import { decodeBoard, setChecklistItemDone } from "../../app/domain";
import { connectBoard, synced } from "../../tests/support/collab-client";

export interface EditRun {
  /** Where the writer connects. */
  writerUrl: string;
  /** Where the observers connect (the same instance, another one, or the relay). */
  observersUrl: string;
  board: string;
  writer: { cookie: string; userId: string };
  observerCookie: string;
  observers: number;
  edits: number;
  /** Called once everyone is synced, just before the first edit (e.g. to read a process's CPU time). */
  onReady?: () => void;
}

/** Latencies (ms) of one run, the first 10 % (warm-up: the observers' first updates after sync) left out. */
export async function measureEdits(run: EditRun): Promise<number[]> {
  // Each provider listens for the process's exit.
  process.setMaxListeners(Math.max(process.getMaxListeners(), run.observers + 20));
  const writer = connectBoard(run.writerUrl, run.board, run.writer.cookie);
  const readers = Array.from({ length: run.observers }, () => connectBoard(run.observersUrl, run.board, run.observerCookie));
  try {
    await Promise.all([writer, ...readers].map((c) => synced(c.provider)));
    // An item that can be ticked without attaching evidence first ("cần minh chứng" items cannot).
    const card = decodeBoard(writer.doc).cards.find((c) => !c.archived && c.checklist.some((i) => !i.needsEvidence && !i.archived))!;
    const item = card.checklist.find((i) => !i.needsEvidence && !i.archived)!;
    run.onReady?.();
    const latencies: number[] = [];
    for (let i = 0; i < run.edits; i++) {
      let pending = run.observers;
      let timer: NodeJS.Timeout | undefined;
      // An edit the server refuses never reaches the observers: fail the run instead of waiting forever.
      const done = new Promise<void>((resolve, reject) => {
        for (const r of readers) r.doc.once("update", () => --pending === 0 && resolve());
        timer = setTimeout(() => reject(new Error(`edit ${i}: ${pending} of ${run.observers} observers never received it (refused by the server?)`)), 30_000);
      });
      const t0 = performance.now();
      setChecklistItemDone(writer.doc, card.id, item.id, i % 2 === 0, { userId: run.writer.userId, at: new Date() });
      await done.finally(() => clearTimeout(timer));
      latencies.push(performance.now() - t0);
    }
    return latencies.slice(Math.floor(run.edits * 0.1));
  } finally {
    for (const c of [writer, ...readers]) c.provider.destroy();
  }
}

export const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

/** The machine's load average (1, 5, 15 min), as /proc/loadavg says. */
export const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** CPU time (user + system, ms) a process has used so far, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat (1-based), in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

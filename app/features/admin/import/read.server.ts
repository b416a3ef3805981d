import { Worker } from "node:worker_threads";
import { csvGrid, type Grid } from "./grid";
import { fileIssue, type ImportIssue, type IssueCode } from "./issues";
import workerSource from "./xlsx-worker.cjs?raw";

/** The most rows one import may hold (the district has ~100 schools and a few thousand staff). */
export const MAX_ROWS = 10_000;

/**
 * What a workbook may unpack to. A real 10,000-row import unpacks to ~5 MB; the budget leaves
 * room for styles and a few extra sheets while keeping one parse well inside the worker's heap.
 */
export const MAX_UNPACKED_MB = 40;
/** Formatted blank rows are still <row> elements: the XML may hold twice the row limit. */
const MAX_ROW_ELEMENTS = 2 * MAX_ROWS;
/** An .xlsx from Excel or LibreOffice has 10–30 entries. */
const MAX_ENTRIES = 500;
/** The parsing worker's own heap: past it the worker dies, the server does not. */
export const WORKER_HEAP_MB = 256;
/** A parse that takes longer is stopped (a real file takes well under a second or two). */
const WORKER_TIMEOUT_MS = 20_000;
/** Parses at once; more wait their turn, so a burst of uploads cannot multiply the memory. */
const MAX_PARALLEL = 2;

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

export interface ReadResult {
  grids: Grid[];
  issues: ImportIssue[];
}

/**
 * Reads an uploaded XLSX or CSV into text grids. Decides by the bytes, not the name: a zip is a
 * workbook, readable UTF-8 text is CSV, anything else is refused with a named reason.
 */
export async function readGrids(bytes: Uint8Array, filename: string): Promise<ReadResult> {
  if (bytes.length === 0) return { grids: [], issues: [fileIssue("empty")] };
  if (isOle(bytes)) return { grids: [], issues: [fileIssue("legacyXls")] };
  if (isZip(bytes)) return readWorkbook(bytes);

  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { grids: [], issues: [fileIssue(/\.csv$/i.test(filename) ? "notUtf8" : "notSpreadsheet")] };
  }
  // Text with NUL bytes or no separators on its first line is not a table.
  if (text.includes("\u0000") || !/[,;\t]/.test(text.split(/\r?\n/)[0] ?? "")) {
    return { grids: [], issues: [fileIssue(text.trim() === "" ? "empty" : "notSpreadsheet")] };
  }
  // CSV is at most MAX_UPLOAD_BYTES of text, read in one linear pass: no worker needed.
  const grid = csvGrid(filename.replace(/\.[^.]*$/, "") || "CSV", text);
  return checked([grid]);
}

type WorkerAnswer = { ok: true; grids: Grid[] } | { ok: false; code: IssueCode; params?: Record<string, string | number> };

let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Parses a workbook in a worker thread with a heap limit and a deadline (see xlsx-worker.cjs). */
async function readWorkbook(bytes: Uint8Array): Promise<ReadResult> {
  const answer = await withSlot(() => parseInWorker(bytes));
  if (!answer.ok) return { grids: [], issues: [fileIssue(answer.code, answer.params)] };
  return checked(answer.grids);
}

function parseInWorker(bytes: Uint8Array): Promise<WorkerAnswer> {
  const tooLarge: WorkerAnswer = { ok: false, code: "unpackedTooLarge", params: { max: MAX_UNPACKED_MB } };
  return new Promise((resolve) => {
    const worker = new Worker(workerSource, {
      eval: true,
      workerData: {
        bytes,
        limits: { maxEntries: MAX_ENTRIES, maxUnpackedBytes: MAX_UNPACKED_MB * 1024 * 1024, maxUnpackedMb: MAX_UNPACKED_MB, maxRows: MAX_ROWS, maxRowElements: MAX_ROW_ELEMENTS },
      },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (answer: WorkerAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => settle(tooLarge), WORKER_TIMEOUT_MS);
    worker.on("message", (answer: WorkerAnswer) => settle(answer));
    // ERR_WORKER_OUT_OF_MEMORY lands here: the file was too much to hold, the server carries on.
    worker.on("error", (error: NodeJS.ErrnoException) => settle(error.code === "ERR_WORKER_OUT_OF_MEMORY" ? tooLarge : { ok: false, code: "notSpreadsheet" }));
    worker.on("exit", () => settle({ ok: false, code: "notSpreadsheet" }));
  });
}

function checked(grids: Grid[]): ReadResult {
  if (grids.length === 0) return { grids, issues: [fileIssue("empty")] };
  const total = grids.reduce((n, g) => n + g.rows.length, 0);
  if (total > MAX_ROWS) return { grids: [], issues: [fileIssue("tooManyRows", { max: MAX_ROWS, count: total })] };
  return { grids, issues: [] };
}

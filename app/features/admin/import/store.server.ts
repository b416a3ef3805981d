import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { dataDir, getEnv } from "~/utils/env.server";
import type { ReadResult } from "./read.server";
import { BodyTooLargeError, readMultipartForm } from "~/utils/form.server";

/** The largest file the import accepts; bigger uploads are cut off while streaming, never buffered. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Uploaded files wait this long for the officer to confirm; older ones are swept away. */
const KEEP_MS = 24 * 3600_000;

export class UploadRefused extends Error {
  constructor(public code: "tooLarge" | "noFile" | "notMultipart") {
    super(code);
  }
}

export interface ImportResult {
  at: string;
  by: string;
  schools: { create: number; update: number; unchanged: number };
  people: { create: number; update: number; unchanged: number };
}

export interface UploadMeta {
  id: string;
  districtId: string;
  uploadedBy: string;
  filename: string;
  size: number;
  uploadedAt: string;
  applied?: ImportResult;
}

/**
 * Reads the file field of a multipart upload. The length header is checked first, and the body is
 * then counted while it streams: past MAX_UPLOAD_BYTES reading stops (a 50 MB file costs 10 MB).
 */
export async function receiveUpload(request: Request): Promise<{ bytes: Uint8Array; filename: string }> {
  if (!(request.headers.get("content-type") ?? "").startsWith("multipart/form-data")) throw new UploadRefused("notMultipart");
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_UPLOAD_BYTES + 64 * 1024) throw new UploadRefused("tooLarge");
  let form: FormData;
  try {
    // The platform's parser (readMultipartForm): a file named "Danh sách; đợt 1.xlsx" is a name.
    form = await readMultipartForm(request, MAX_UPLOAD_BYTES + 64 * 1024);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new UploadRefused("tooLarge");
    throw error;
  }
  const file = form.get("file");
  if (!file || typeof file === "string" || (!file.name && file.size === 0)) throw new UploadRefused("noFile");
  return { bytes: new Uint8Array(await file.arrayBuffer()), filename: file.name.slice(0, 200) || "upload" };
}

const dir = () => path.join(dataDir(getEnv().DATABASE_URL, getEnv().DATA_DIR), "imports");
const validId = (id: string) => /^[A-Za-z0-9_-]{16,40}$/.test(id);

/**
 * Keeps the file and what reading it gave (grids.json): the file is parsed once, at upload; the
 * preview, its GET and the apply all start from the stored grids.
 */
export async function saveUpload(actor: { userId: string; districtId: string }, upload: { bytes: Uint8Array; filename: string }, read: ReadResult): Promise<UploadMeta> {
  await sweep();
  const id = crypto.randomBytes(16).toString("base64url");
  const meta: UploadMeta = { id, districtId: actor.districtId, uploadedBy: actor.userId, filename: upload.filename, size: upload.bytes.length, uploadedAt: new Date().toISOString() };
  const folder = path.join(dir(), id);
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(path.join(folder, "file"), upload.bytes);
  await fs.writeFile(path.join(folder, "grids.json"), JSON.stringify(read));
  await fs.writeFile(path.join(folder, "meta.json"), JSON.stringify(meta));
  return meta;
}

/** An upload of the actor's own district, or null (unknown, swept, or someone else's). */
export async function loadUpload(districtId: string, id: string): Promise<{ meta: UploadMeta; read: ReadResult } | null> {
  if (!validId(id)) return null;
  const folder = path.join(dir(), id);
  try {
    const meta = JSON.parse(await fs.readFile(path.join(folder, "meta.json"), "utf8")) as UploadMeta;
    if (meta.districtId !== districtId) return null;
    return { meta, read: JSON.parse(await fs.readFile(path.join(folder, "grids.json"), "utf8")) as ReadResult };
  } catch {
    return null;
  }
}

export async function markApplied(meta: UploadMeta, result: ImportResult) {
  await fs.writeFile(path.join(dir(), meta.id, "meta.json"), JSON.stringify({ ...meta, applied: result }));
}

async function sweep() {
  const entries = await fs.readdir(dir(), { withFileTypes: true }).catch(() => []);
  const now = Date.now();
  for (const e of entries) {
    if (!e.isDirectory()) continue;
    const stat = await fs.stat(path.join(dir(), e.name)).catch(() => null);
    if (stat && now - stat.mtimeMs > KEEP_MS) await fs.rm(path.join(dir(), e.name), { recursive: true, force: true });
  }
}

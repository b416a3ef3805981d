import fs from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/utils/db.server";
import { dataDir } from "~/utils/env.server";
import type { StartedServer } from "../../server/index";
import { uploadImport, xlsx } from "../integration/admin-fixtures";
import { signIn, startTestServer } from "../support/server";
import { makeBomb } from "../support/zip-bomb";

// Finding 2: a 2 MB workbook whose sheet inflates to 500 MB froze the server; two killed it.
let server: StartedServer;
let base: string;
let admin: string;
let honest: Buffer;
let lying: Buffer;

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
  admin = await signIn(base, "phong.gddt@kienan.demo");
  honest = await makeBomb({ inflatedMb: 500 });
  // The same bomb with a central directory that claims the sheet is 1 KB.
  lying = await makeBomb({ inflatedMb: 500, declaredBytes: 1024 });
}, 120_000);
afterAll(async () => {
  await server?.close();
});

const importsDir = () => path.join(dataDir(process.env.DATABASE_URL!), "imports");
const codes = (body: { issues: { code: string }[] }) => body.issues.map((i) => i.code);

/** Samples this process's RSS (the server runs in it) while `fn` runs; returns the peak growth in MB. */
async function peakRssGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; mb: number }> {
  const before = process.memoryUsage.rss();
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  try {
    const result = await fn();
    return { result, mb: (Math.max(peak, process.memoryUsage.rss()) - before) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

describe("zip bombs", () => {
  it("refuses a workbook whose sheet declares 500 MB, without inflating it", async () => {
    expect(honest.length).toBeLessThan(3 * 1024 * 1024);
    const { result, mb } = await peakRssGrowth(() => uploadImport(base, admin, honest, "bom.xlsx"));
    expect(result.status).toBe(201);
    expect(codes(result.body)).toEqual(["unpackedTooLarge"]);
    expect(result.body.issues[0].message).toContain("40 MB");
    expect(result.body.rows).toEqual({ schools: [], people: [] });
    expect(mb).toBeLessThan(100);
  });

  it("refuses the same bomb when its central directory lies about the size", async () => {
    const { result, mb } = await peakRssGrowth(() => uploadImport(base, admin, lying, "bom-noi-doi.xlsx"));
    expect(result.status).toBe(201);
    expect(codes(result.body)).toEqual(["unpackedTooLarge"]);
    expect(mb).toBeLessThan(100);
  });

  it("survives two bombs at once, and still serves everyone else", async () => {
    const [a, b] = await Promise.all([uploadImport(base, admin, lying, "a.xlsx"), uploadImport(base, admin, honest, "b.xlsx")]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(codes(a.body)).toEqual(["unpackedTooLarge"]);
    expect(codes(b.body)).toEqual(["unpackedTooLarge"]);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const users = await getDb().user.count();
    expect(users).toBeGreaterThan(0);
  });

  it("stops counting rows as soon as a sheet has too many", async () => {
    const many = await makeBomb({ inflatedMb: 0, rows: 300_000 });
    const { status, body } = await uploadImport(base, admin, many, "qua-nhieu-dong.xlsx");
    expect(status).toBe(201);
    expect(codes(body)).toEqual(["tooManyRows"]);
  });
});

describe("parsed once", () => {
  it("answers the import's GET from the stored result, never re-reading the file", async () => {
    const file = await xlsx({ people: [{ name: "Lê Thu Hà", email: "le.thu.ha.bomb@kienan.edu.vn", school: "", role: "Giáo viên" }] });
    const { status, body } = await uploadImport(base, admin, file);
    expect(status).toBe(201);
    // Spoil the stored upload: a GET that parsed it again would now see a different file.
    await fs.writeFile(path.join(importsDir(), body.id, "file"), "not a workbook any more");
    const again = await fetch(`${base}/api/v1/admin/imports/${body.id}`, { headers: { cookie: admin } });
    expect(again.status).toBe(200);
    const json = await again.json();
    expect(json.rows).toEqual(body.rows);
    expect(json.issues).toEqual(body.issues);
  });
});

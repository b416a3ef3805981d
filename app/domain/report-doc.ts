import { z } from "zod";
import { isoDateSchema } from "./schema";

// The results report as data (Nghị định 30/2020/NĐ-CP, Mẫu 1.4 "văn bản có tên loại"), shared by
// the report page, the DOCX and the PDF renderers: one model, so the three agree.
// Rules: /work/shared/report-format.md (docs/report.md in the repo).

const line = (max: number) => z.string().max(max, { error: `at most ${max} characters` }).transform((s) => s.normalize("NFC").trim());
const lines = (max: number, count: number) => z.array(line(max)).max(count, { error: `at most ${count} lines` }).transform((xs) => xs.filter(Boolean));

/** Boxes 1–9 of the decree that vary per body: data, per school or per district, never in code. */
export const documentHeaderSchema = z.strictObject({
  /** Cơ quan chủ quản, e.g. "UBND QUẬN KIẾN AN" (since 1/7/2025 a commune or ward UBND). */
  parentBody: line(120),
  /** Cơ quan ban hành, e.g. "TRƯỜNG TIỂU HỌC BẮC SƠN". */
  issuingBody: line(120),
  /** The number, blank until the clerk numbers it ("Số:    /BC-THBS"). */
  number: z.string().max(10).regex(/^\d*$/, { error: "digits only" }).default(""),
  /** Symbol after the slash, e.g. "BC-THBS". */
  symbol: line(40).refine((s) => /^[A-ZĐ0-9&]+(-[A-ZĐ0-9&]+)*$/u.test(s), { error: "upper-case groups joined by '-', no spaces (BC-THBS)" }),
  /** Địa danh, e.g. "Kiến An". */
  place: line(60),
  /** Ngày ban hành, YYYY-MM-DD. */
  date: isoDateSchema,
  /** Kính gửi: one or more recipients. */
  recipients: lines(200, 10),
  /** Nơi nhận (box 9b). */
  distribution: lines(200, 15),
  /** Quyền hạn, chức vụ: e.g. ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"] or ["HIỆU TRƯỞNG"]. */
  signerCapacity: lines(80, 3),
  signerName: line(80),
});
export type DocumentHeader = z.infer<typeof documentHeaderSchema>;

export const SECTION_KEYS = ["results", "shortcomings", "proposals"] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export const commendationSchema = z.strictObject({
  kind: z.enum(["collective", "individual"]),
  name: line(200).refine(Boolean, { error: "must not be blank" }),
  reason: line(1000).refine(Boolean, { error: "must not be blank" }),
});
export type Commendation = z.infer<typeof commendationSchema>;

/** What the principal composes (the draft), validated on every save. */
export const reportDraftSchema = z.strictObject({
  header: documentHeaderSchema,
  /** Trích yếu: the summary line under "BÁO CÁO". */
  summary: line(300).refine(Boolean, { error: "must not be blank" }),
  sections: z.strictObject({
    results: line(20000),
    shortcomings: line(20000),
    proposals: line(20000),
  }),
  commendations: z.array(commendationSchema).max(100),
  /** Evidence chosen for the appendix, in order. */
  evidenceIds: z.array(z.string().min(1).max(200)).max(200),
});
export type ReportDraft = z.infer<typeof reportDraftSchema>;

/** Box 3: "Số: 12/BC-THBS"; numbers below 10 take a leading 0; a blank number leaves room to write it. */
export function numberLine(number: string, symbol: string): string {
  const n = number.trim();
  return `Số: ${n ? n.padStart(2, "0") : "\u00a0\u00a0\u00a0\u00a0\u00a0"}/${symbol}`;
}

/**
 * Box 4: "Kiến An, ngày 05 tháng 01 năm 2020". Days below 10 and months 1 and 2 take a leading 0,
 * other months do not ("tháng 6", never "tháng 08").
 */
export function placeAndDate(place: string, isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const month = m <= 2 ? String(m).padStart(2, "0") : String(m);
  return `${place}, ngày ${String(d).padStart(2, "0")} tháng ${month} năm ${y}`;
}

/** The body's short code from its name: "Trường Tiểu học Bắc Sơn" → "THBS" (a default the school may change). */
export function bodyCode(name: string): string {
  const n = name.normalize("NFC").replace(/^Trường\s+/i, "");
  const levels: [RegExp, string][] = [[/^Mầm non\s+/i, "MN"], [/^Tiểu học\s+/i, "TH"], [/^THCS\s+/i, "THCS"], [/^THPT\s+/i, "THPT"]];
  let prefix = "";
  let rest = n;
  for (const [re, code] of levels) if (re.test(rest)) { prefix = code; rest = rest.replace(re, ""); break; }
  const initials = rest.split(/\s+/).filter(Boolean).map((w) => w[0]!.normalize("NFD")[0]!.toUpperCase().replace("Đ", "D")).join("");
  return (prefix + initials).replace(/[^A-Z0-9]/g, "") || "X";
}

// ---- the document model both renderers read ----

export type Run = { text: string; bold?: boolean; italic?: boolean };
export type Column = { title: string; width: number; align?: "left" | "center" | "right" };
export type Block =
  /** level 1: "I. TITLE" (upper bold); level 2: "1. Title" (bold); level 3: "a) Title" (upright). */
  | { type: "heading"; level: 1 | 2 | 3; text: string }
  | { type: "paragraph"; runs: Run[]; indent?: boolean }
  | { type: "bullet"; runs: Run[] }
  | { type: "table"; columns: Column[]; rows: string[][]; total?: string[] };

export type AppendixPhoto = { evidenceId: string; caption: string };

export type ReportDocument = {
  parentBody: string;
  issuingBody: string;
  numberLine: string;
  placeDate: string;
  type: string;
  summary: string;
  recipients: string[];
  body: Block[];
  /** The last line of the body, e.g. "Trên đây là báo cáo …./." */
  closing: string;
  distribution: string[];
  signerCapacity: string[];
  signerName: string;
  appendix: { title: string; photos: AppendixPhoto[] } | null;
};

/** Every string in the model NFC-normalised: NFD input misplaces Vietnamese diacritics in the PDF. */
export function normaliseDocument(doc: ReportDocument): ReportDocument {
  return JSON.parse(JSON.stringify(doc), (_k, v: unknown) => (typeof v === "string" ? v.normalize("NFC") : v)) as ReportDocument;
}

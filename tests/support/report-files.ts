import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import JSZip from "jszip";

// Reading generated reports as a reader would: the DOCX's XML and the PDF's extracted text.

/** The text of word/document.xml (runs joined per paragraph, one paragraph per line) and the raw XML. */
export async function docxText(bytes: Buffer): Promise<{ text: string; xml: string; files: string[] }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file("word/document.xml")!.async("string");
  const text = xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""))
    .filter(Boolean)
    .join("\n")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
  return { text, xml, files: Object.keys(zip.files) };
}

/** Text per page of a PDF, through pdf.js (lines joined by newlines where pdf.js sees an end of line). */
export async function pdfPages(bytes: Buffer): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : "") : "")).join("").normalize("NFC"));
  }
  await doc.destroy();
  return pages;
}

/** Per page, the text printed in the top margin (where the decree puts page numbers). */
export async function pdfTopMarginText(bytes: Buffer, marginPt = 56): Promise<string[]> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const height = page.getViewport({ scale: 1 }).height;
    const content = await page.getTextContent();
    out.push(content.items.flatMap((it) => ("str" in it && it.transform[5] > height - marginPt ? [it.str] : [])).join("").trim());
  }
  await doc.destroy();
  return out;
}

/** Renders PDF pages to PNG with poppler's pdftoppm (for looking at them); returns the files. */
export function pdfToPng(bytes: Buffer, outPrefix: string, dpi = 60): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdf-"));
  const file = path.join(dir, "r.pdf");
  fs.writeFileSync(file, bytes);
  execFileSync("pdftoppm", ["-png", "-r", String(dpi), file, outPrefix]);
  return fs.readdirSync(path.dirname(outPrefix)).filter((f) => f.startsWith(path.basename(outPrefix))).map((f) => path.join(path.dirname(outPrefix), f));
}

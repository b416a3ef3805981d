import PDFDocument from "pdfkit";
import type { Block, ReportDocument, Run } from "~/domain/report-doc";
import { fontBytes, type FontStyle } from "./fonts.server";
import { AFTER, HEADER_LEFT, INDENT, LEADING, MOTTO, NATIONAL_TITLE, PAGE, SHORT_RULE, SIZE, TEXT_WIDTH } from "./layout";

// The PDF from the document model with pdfkit and Tinos (Times New Roman metrics). Same model,
// same geometry (layout.ts) as the DOCX renderer.

type Doc = PDFKit.PDFDocument;
const L = PAGE.left;
const bottom = () => PAGE.height - PAGE.bottom;
const styleOf = (r: { bold?: boolean; italic?: boolean }): FontStyle => (r.bold ? (r.italic ? "boldItalic" : "bold") : r.italic ? "italic" : "regular");

export async function renderPdf(model: ReportDocument, images: Map<string, Buffer>): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    bufferPages: true,
    info: { Title: `${model.type} ${model.summary}`, Author: model.issuingBody, Creator: "Campaign Board" },
  });
  for (const [name, bytes] of Object.entries(fontBytes())) doc.registerFont(name, bytes);
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  header(doc, model);
  for (const block of model.body) renderBlock(doc, block);
  paragraph(doc, [{ text: model.closing }], true);
  footer(doc, model);
  if (model.appendix) appendix(doc, model.appendix, images);
  pageNumbers(doc);
  doc.end();
  return done;
}

function centred(doc: Doc, text: string, x: number, width: number, style: FontStyle, size: number, y?: number) {
  doc.font(style).fontSize(size).text(text, x, y ?? doc.y, { width, align: "center", lineGap: 1 });
}

function rule(doc: Doc, centreX: number, length: number, y: number) {
  doc.moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).lineWidth(0.6).stroke("#000");
}

/** Boxes 1–4: the two-column header, then the number and place/date on one line. */
function header(doc: Doc, m: ReportDocument) {
  const leftW = TEXT_WIDTH * HEADER_LEFT;
  const rightX = L + leftW;
  const rightW = TEXT_WIDTH - leftW;
  const top = PAGE.top;
  centred(doc, m.parentBody, L, leftW, "regular", SIZE.body, top);
  centred(doc, m.issuingBody, L, leftW, "bold", SIZE.body);
  const issuerWidth = Math.min(leftW, doc.font("bold").fontSize(SIZE.body).widthOfString(m.issuingBody.split("\n").at(-1) ?? ""));
  rule(doc, L + leftW / 2, issuerWidth * SHORT_RULE, doc.y + 2);
  const leftEnd = doc.y + 4;
  centred(doc, NATIONAL_TITLE, rightX, rightW, "bold", SIZE.nationalTitle, top);
  centred(doc, MOTTO, rightX, rightW, "bold", SIZE.motto);
  rule(doc, rightX + rightW / 2, doc.font("bold").fontSize(SIZE.motto).widthOfString(MOTTO), doc.y + 1);
  const y = Math.max(leftEnd, doc.y + 4) + 6;
  centred(doc, m.numberLine, L, leftW, "regular", SIZE.number, y);
  centred(doc, m.placeDate, rightX, rightW, "italic", SIZE.placeDate, y);
  doc.y = Math.max(doc.y, y + 16) + 18;
  // Box 5a: type, summary line and its short rule.
  centred(doc, m.type, L, TEXT_WIDTH, "bold", SIZE.type);
  centred(doc, m.summary, L, TEXT_WIDTH, "bold", SIZE.type);
  const lastLine = Math.min(TEXT_WIDTH, doc.font("bold").fontSize(SIZE.type).widthOfString(m.summary));
  rule(doc, L + TEXT_WIDTH / 2, lastLine * SHORT_RULE, doc.y + 4);
  doc.y += 16;
  recipients(doc, m.recipients);
}

/** Box 9a: "Kính gửi:" with one recipient on the line, or several as "- …;" aligned under the colon. */
function recipients(doc: Doc, list: string[]) {
  if (!list.length) return;
  const label = "Kính gửi: ";
  doc.font("regular").fontSize(SIZE.text);
  const labelW = doc.widthOfString(label);
  const start = L + TEXT_WIDTH * 0.18;
  const lines = list.length === 1 ? [list[0]!] : list.map((r, i) => `- ${r.replace(/[;.]$/, "")}${i === list.length - 1 ? "." : ";"}`);
  const y = doc.y;
  doc.text(label, start, y, { lineBreak: false });
  doc.y = y;
  for (const line of lines) doc.text(line, start + labelW, doc.y, { width: L + TEXT_WIDTH - start - labelW, paragraphGap: 1 });
  doc.x = L;
  doc.y += AFTER + 4;
}

function paragraph(doc: Doc, runs: Run[], indent: boolean, align: "justify" | "left" | "center" = "justify") {
  doc.x = L;
  const opts = { width: TEXT_WIDTH, align, indent: indent ? INDENT : 0, lineGap: LEADING, paragraphGap: AFTER };
  runs.forEach((run, i) => {
    doc.font(styleOf(run)).fontSize(SIZE.text).text(run.text, i === 0 ? L : undefined, undefined, { ...opts, continued: i < runs.length - 1 });
  });
}

function renderBlock(doc: Doc, block: Block) {
  switch (block.type) {
    case "heading":
      keepRoom(doc, 60);
      paragraph(doc, [{ text: block.text, bold: block.level < 3 }], true, "left");
      return;
    case "paragraph":
      paragraph(doc, block.runs, block.indent ?? false);
      return;
    case "bullet":
      paragraph(doc, [{ text: "- " }, ...block.runs], true);
      return;
    case "table":
      table(doc, block);
  }
}

function keepRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom()) doc.addPage();
}

function table(doc: Doc, block: Extract<Block, { type: "table" }>) {
  const pad = 3;
  const widths = block.columns.map((c) => c.width * TEXT_WIDTH);
  const rowHeight = (cells: string[], style: FontStyle) =>
    Math.max(...cells.map((c, i) => doc.font(style).fontSize(SIZE.table).heightOfString(c || " ", { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const drawRow = (cells: string[], style: FontStyle, header: boolean) => {
    const h = rowHeight(cells, style);
    if (doc.y + h > bottom()) {
      doc.addPage();
      if (!header) drawRow(block.columns.map((c) => c.title), "bold", true);
    }
    const y = doc.y;
    let x = L;
    cells.forEach((cell, i) => {
      const w = widths[i]!;
      doc.rect(x, y, w, h).lineWidth(0.5).stroke("#000");
      const align = header ? "center" : (block.columns[i]!.align ?? "left");
      doc.font(style).fontSize(SIZE.table).text(cell, x + pad, y + pad, { width: w - 2 * pad, align });
      x += w;
    });
    doc.x = L;
    doc.y = y + h;
  };
  keepRoom(doc, 40);
  drawRow(block.columns.map((c) => c.title), "bold", true);
  for (const row of block.rows) drawRow(row, "regular", false);
  if (block.total) drawRow(block.total, "bold", false);
  doc.y += AFTER + 2;
}

/** Boxes 7 and 9b: Nơi nhận on the left, level with the signing capacity on the right; kept on one page. */
function footer(doc: Doc, m: ReportDocument) {
  const leftW = TEXT_WIDTH * 0.45;
  const rightX = L + leftW;
  const rightW = TEXT_WIDTH - leftW;
  const signature = 64;
  const height = Math.max(16 + m.distribution.length * 14, m.signerCapacity.length * 18 + signature + 20) + 10;
  keepRoom(doc, height + 10);
  const y = doc.y + 6;
  doc.font("boldItalic").fontSize(SIZE.distributionTitle).text("Nơi nhận:", L, y, { width: leftW });
  doc.font("regular").fontSize(SIZE.distribution);
  m.distribution.forEach((line, i) => doc.text(`- ${line.replace(/^-\s*/, "").replace(/[;.]$/, "")}${i === m.distribution.length - 1 ? "." : ";"}`, L, undefined, { width: leftW }));
  const leftEnd = doc.y;
  doc.y = y;
  for (const line of m.signerCapacity) centred(doc, line, rightX, rightW, "bold", SIZE.signer);
  doc.y += signature;
  centred(doc, m.signerName, rightX, rightW, "bold", SIZE.signer);
  doc.x = L;
  doc.y = Math.max(doc.y, leftEnd) + 10;
}

function appendix(doc: Doc, a: NonNullable<ReportDocument["appendix"]>, images: Map<string, Buffer>) {
  doc.addPage();
  centred(doc, a.title, L, TEXT_WIDTH, "bold", SIZE.type);
  doc.y += 10;
  // Two photos with their captions per page.
  const maxH = (PAGE.height - PAGE.top - PAGE.bottom - 130) / 2;
  for (const photo of a.photos) {
    const bytes = images.get(photo.evidenceId);
    keepRoom(doc, (bytes ? maxH : 0) + 40);
    if (bytes) {
      const y = doc.y;
      doc.image(bytes, L + TEXT_WIDTH * 0.1, y, { fit: [TEXT_WIDTH * 0.8, maxH - 10], align: "center", valign: "center" });
      doc.y = y + maxH - 6;
    }
    centred(doc, photo.caption, L, TEXT_WIDTH, "italic", SIZE.caption);
    doc.y += 10;
  }
}

/** Arabic numbers centred in the top margin, none on page 1. */
function pageNumbers(doc: Doc) {
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margin = doc.page.margins.top;
    doc.page.margins.top = 0;
    doc.font("regular").fontSize(SIZE.pageNumber).text(String(i + 1), L, PAGE.top / 2 - 6, { width: TEXT_WIDTH, align: "center", lineBreak: false });
    doc.page.margins.top = margin;
  }
}

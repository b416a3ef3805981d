import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from "docx";
import type { Block, ReportDocument, Run } from "~/domain/report-doc";
import { textWidth } from "./fonts.server";
import { AFTER, HEADER_LEFT, INDENT, LEADING, MOTTO, NATIONAL_TITLE, PAGE, SHORT_RULE, SIZE, TEXT_WIDTH } from "./layout";

// The DOCX from the document model with `docx`: the same geometry as the PDF (layout.ts), in
// twips (1/20 pt) and half-points. Times New Roman by name: Word has it, LibreOffice maps it to a
// metric-compatible face (Liberation Serif, Tinos).

const tw = (pt: number) => Math.round(pt * 20);
const hp = (pt: number) => Math.round(pt * 2);
const FONT = "Times New Roman";
const TEXT_TW = tw(TEXT_WIDTH);
const NONE = TableBorders.NONE;
const line = { style: BorderStyle.SINGLE, size: 6, color: "000000" } as const;

const run = (r: Run, size: number) => new TextRun({ text: r.text, bold: r.bold, italics: r.italic, size: hp(size), font: FONT });

function centred(text: string, size: number, style: { bold?: boolean; italic?: boolean } = {}, after = 0) {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: tw(after) }, children: [run({ text, ...style }, size)] });
}

/** A solid rule `lengthPt` long, centred in a column `columnPt` wide: an empty paragraph's bottom border between indents. */
function shortRule(lengthPt: number, columnPt: number) {
  const side = Math.max(0, tw((columnPt - lengthPt) / 2));
  return new Paragraph({ indent: { left: side, right: side }, spacing: { after: 0, line: 40, lineRule: LineRuleType.EXACT }, border: { bottom: line }, children: [new TextRun({ text: "", size: 2 })] });
}

function cell(children: (Paragraph | Table)[], widthTw: number, opts: { borders?: boolean } = {}) {
  return new TableCell({
    width: { size: widthTw, type: WidthType.DXA },
    borders: opts.borders ? undefined : NONE,
    verticalAlign: VerticalAlign.TOP,
    margins: opts.borders ? { top: 40, bottom: 40, left: 60, right: 60 } : { left: 0, right: 0 },
    children,
  });
}

function fixedTable(widths: number[], rows: TableRow[], borders: boolean) {
  return new Table({ layout: TableLayoutType.FIXED, width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA }, columnWidths: widths, borders: borders ? undefined : NONE, rows });
}

function header(m: ReportDocument) {
  const leftPt = TEXT_WIDTH * HEADER_LEFT;
  const rightPt = TEXT_WIDTH - leftPt;
  const widths = [tw(leftPt), TEXT_TW - tw(leftPt)];
  const issuerRule = Math.min(leftPt, textWidth(m.issuingBody, SIZE.body, "bold")) * SHORT_RULE;
  const top = new TableRow({
    children: [
      cell([centred(m.parentBody, SIZE.body), centred(m.issuingBody, SIZE.body, { bold: true }), shortRule(issuerRule, leftPt)], widths[0]!),
      cell([centred(NATIONAL_TITLE, SIZE.nationalTitle, { bold: true }), centred(MOTTO, SIZE.motto, { bold: true }), shortRule(textWidth(MOTTO, SIZE.motto, "bold"), rightPt)], widths[1]!),
    ],
  });
  const second = new TableRow({
    children: [cell([centred(m.numberLine, SIZE.number, {}, 0)], widths[0]!), cell([centred(m.placeDate, SIZE.placeDate, { italic: true })], widths[1]!)],
  });
  const spacer = new TableRow({ children: [cell([new Paragraph({ spacing: { after: 0 }, children: [] })], widths[0]!), cell([new Paragraph({ children: [] })], widths[1]!)] });
  return fixedTable(widths, [top, spacer, second], false);
}

function recipients(list: string[]): Paragraph[] {
  if (!list.length) return [];
  const label = "Kính gửi: ";
  const start = TEXT_WIDTH * 0.18;
  const labelW = textWidth(label, SIZE.text);
  const lines = list.length === 1 ? [list[0]!] : list.map((r, i) => `- ${r.replace(/[;.]$/, "")}${i === list.length - 1 ? "." : ";"}`);
  return lines.map(
    (text, i) =>
      new Paragraph({
        indent: { left: tw(start + labelW), hanging: i === 0 ? tw(labelW) : 0 },
        spacing: { after: i === lines.length - 1 ? tw(AFTER + 4) : tw(1) },
        children: [run({ text: i === 0 ? `${label}${text}` : text }, SIZE.text)],
      }),
  );
}

const bodySpacing = { after: tw(AFTER), line: Math.round(240 * (1 + LEADING / SIZE.text)), lineRule: LineRuleType.AUTO };

function paragraph(runs: Run[], indent: boolean, align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.JUSTIFIED) {
  return new Paragraph({ alignment: align, indent: indent ? { firstLine: tw(INDENT) } : undefined, spacing: bodySpacing, children: runs.map((r) => run(r, SIZE.text)) });
}

function table(block: Extract<Block, { type: "table" }>) {
  const widths = block.columns.map((c) => Math.round(c.width * TEXT_TW));
  const align = (a?: string) => (a === "center" ? AlignmentType.CENTER : a === "right" ? AlignmentType.RIGHT : AlignmentType.LEFT);
  const row = (cells: string[], bold: boolean, isHeader: boolean) =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      children: cells.map((text, i) =>
        cell([new Paragraph({ alignment: isHeader ? AlignmentType.CENTER : align(block.columns[i]!.align), children: [run({ text, bold }, SIZE.table)] })], widths[i]!, { borders: true }),
      ),
    });
  const rows = [row(block.columns.map((c) => c.title), true, true), ...block.rows.map((r) => row(r, false, false))];
  if (block.total) rows.push(row(block.total, true, false));
  return [fixedTable(widths, rows, true), new Paragraph({ spacing: { after: tw(AFTER) }, children: [] })];
}

function blockOut(block: Block): (Paragraph | Table)[] {
  switch (block.type) {
    case "heading":
      return [new Paragraph({ keepNext: true, indent: { firstLine: tw(INDENT) }, spacing: bodySpacing, children: [run({ text: block.text, bold: block.level < 3 }, SIZE.text)] })];
    case "paragraph":
      return [paragraph(block.runs, block.indent ?? false)];
    case "bullet":
      return [paragraph([{ text: "- " }, ...block.runs], true)];
    case "table":
      return table(block);
  }
}

function footer(m: ReportDocument) {
  const widths = [Math.round(TEXT_TW * 0.45), TEXT_TW - Math.round(TEXT_TW * 0.45)];
  const left = [
    new Paragraph({ children: [run({ text: "Nơi nhận:", bold: true, italic: true }, SIZE.distributionTitle)] }),
    ...m.distribution.map((d, i) => new Paragraph({ children: [run({ text: `- ${d.replace(/^-\s*/, "").replace(/[;.]$/, "")}${i === m.distribution.length - 1 ? "." : ";"}` }, SIZE.distribution)] })),
  ];
  const right = [
    ...m.signerCapacity.map((c) => centred(c, SIZE.signer, { bold: true })),
    // Room for the signature and the seal (box 7c/8).
    new Paragraph({ spacing: { before: tw(64) }, children: [] }),
    centred(m.signerName, SIZE.signer, { bold: true }),
  ];
  return fixedTable(widths, [new TableRow({ cantSplit: true, children: [cell(left, widths[0]!), cell(right, widths[1]!)] })], false);
}

function appendix(a: NonNullable<ReportDocument["appendix"]>, images: Map<string, { bytes: Buffer; width: number; height: number }>) {
  const out: Paragraph[] = [new Paragraph({ children: [new PageBreak()] }), centred(a.title, SIZE.type, { bold: true }, 10)];
  // Fit each photo in 80 % of the text width and ~40 % of the page height (in pixels at 96 dpi).
  const maxW = (TEXT_WIDTH * 0.8 * 96) / 72;
  const maxH = (((PAGE.height - PAGE.top - PAGE.bottom) / 2 - 70) * 96) / 72;
  for (const photo of a.photos) {
    const img = images.get(photo.evidenceId);
    if (img) {
      const scale = Math.min(maxW / img.width, maxH / img.height, 1);
      out.push(
        new Paragraph({
          alignment: AlignmentType.CENTER,
          keepNext: true,
          children: [new ImageRun({ type: "jpg", data: img.bytes, transformation: { width: Math.round(img.width * scale), height: Math.round(img.height * scale) } })],
        }),
      );
    }
    out.push(centred(photo.caption, SIZE.caption, { italic: true }, 10));
  }
  return out;
}

export async function renderDocx(m: ReportDocument, images: Map<string, { bytes: Buffer; width: number; height: number }>): Promise<Buffer> {
  const lastLine = Math.min(TEXT_WIDTH, textWidth(m.summary, SIZE.type, "bold"));
  const doc = new Document({
    creator: "Campaign Board",
    title: `${m.type} ${m.summary}`,
    styles: { default: { document: { run: { font: FONT, size: hp(SIZE.text) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: 11906, height: 16838 }, margin: { top: tw(PAGE.top), bottom: tw(PAGE.bottom), left: tw(PAGE.left), right: tw(PAGE.right), header: 567 } },
        },
        headers: {
          // Page numbers centred in the top margin, none on page 1 (titlePage + an empty first header).
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: hp(SIZE.pageNumber), font: FONT })] })] }),
          first: new Header({ children: [new Paragraph({ children: [] })] }),
        },
        children: [
          header(m),
          new Paragraph({ spacing: { after: tw(10) }, children: [] }),
          centred(m.type, SIZE.type, { bold: true }),
          centred(m.summary, SIZE.type, { bold: true }),
          shortRule(lastLine * SHORT_RULE, TEXT_WIDTH),
          new Paragraph({ spacing: { after: tw(8) }, children: [] }),
          ...recipients(m.recipients),
          ...m.body.flatMap(blockOut),
          paragraph([{ text: m.closing }], true),
          footer(m),
          ...(m.appendix ? appendix(m.appendix, images) : []),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

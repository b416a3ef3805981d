import { formatDate } from "~/i18n/format";
import { t } from "~/i18n/i18n";
import { normaliseDocument, numberLine, placeAndDate, type Block, type ReportDocument, type ReportDraft } from "~/domain/report-doc";
import type { ReportFigures } from "~/domain/report-figures";

// The school's results report as the one document model (app/domain/report-doc): the page, the
// DOCX and the PDF all render what this returns. Official documents are in Vietnamese.

const vi = (key: string, options?: Record<string, unknown>) => t("vi", key, options);
const percent = (p: number | null) => (p === null ? "—" : `${String(p).replace(".", ",")}%`);
const ROMAN = ["I", "II", "III", "IV", "V", "VI"];

export type SchoolReportInput = {
  schoolName: string;
  campaign: { name: string; planNumber: string; planDate: string; issuer: string };
  draft: ReportDraft;
  figures: ReportFigures;
  /** Person id → name, for "who ticked it". */
  names: Record<string, string>;
  /** The chosen evidence, in draft order, with what the caption says. */
  photos: { id: string; name: string; takenAt: string | null; itemText: string | null; cardTitle: string }[];
};

/** Paragraphs of a free-text section: one per line the principal wrote. */
const paragraphs = (text: string, empty: string): Block[] =>
  (text.trim() ? text.split(/\n+/).map((s) => s.trim()).filter(Boolean) : [empty]).map((s) => ({ type: "paragraph", runs: [{ text: s }], indent: true }));

export function composeSchoolReport(input: SchoolReportInput): ReportDocument {
  const { draft, figures: f } = input;
  const h = draft.header;
  const body: Block[] = [
    {
      type: "paragraph",
      indent: true,
      runs: [{ text: vi("reportDoc.intro", { plan: input.campaign.planNumber, date: formatDate(input.campaign.planDate), issuer: input.campaign.issuer, campaign: input.campaign.name, school: input.schoolName }) }],
    },
  ];
  let section = 0;
  const heading1 = (key: string) => body.push({ type: "heading", level: 1, text: `${ROMAN[section++]}. ${vi(key).toUpperCase()}` });

  heading1("reportDoc.results");
  body.push({ type: "heading", level: 2, text: `1. ${vi("reportDoc.overall")}` });
  body.push({
    type: "paragraph",
    indent: true,
    runs: [{ text: vi("reportDoc.overallLine", { done: f.progress.done, total: f.progress.total, percent: percent(f.progress.percent), cardsDone: f.cards.done, cards: f.cards.total, inProgress: f.cards.in_progress }) }],
  });
  body.push({
    type: "table",
    columns: [
      { title: vi("reportDoc.col.criterion"), width: 0.3 },
      { title: vi("reportDoc.col.target"), width: 0.17, align: "center" },
      { title: vi("reportDoc.col.measured"), width: 0.17, align: "center" },
      { title: vi("reportDoc.col.items"), width: 0.18, align: "center" },
      { title: vi("reportDoc.col.reached"), width: 0.18, align: "center" },
    ],
    rows: f.criteria.map((c) => [
      vi(`criteria.${c.criterion}`),
      c.target === null ? "—" : `${c.target}%`,
      percent(c.percent),
      `${c.done}/${c.total}`,
      c.reached === null ? "—" : c.reached ? vi("reportDoc.yes") : vi("reportDoc.no"),
    ]),
  });
  body.push({ type: "heading", level: 2, text: `2. ${vi("reportDoc.byCategory")}` });
  body.push({
    type: "table",
    columns: [
      { title: vi("reportDoc.col.category"), width: 0.46 },
      { title: vi("reportDoc.col.cardsDone"), width: 0.18, align: "center" },
      { title: vi("reportDoc.col.items"), width: 0.18, align: "center" },
      { title: vi("reportDoc.col.rate"), width: 0.18, align: "center" },
    ],
    rows: f.categories.map((c) => [vi(`categories.${c.category}`), `${c.cardsDone}/${c.cards}`, `${c.done}/${c.total}`, percent(c.percent)]),
    total: [vi("reportDoc.total"), `${f.cards.done}/${f.cards.total}`, `${f.progress.done}/${f.progress.total}`, percent(f.progress.percent)],
  });
  body.push({ type: "heading", level: 2, text: `3. ${vi("reportDoc.workDone")}` });
  if (!f.work.length) body.push({ type: "paragraph", indent: true, runs: [{ text: vi("reportDoc.nothingDone") }] });
  let letter = 0;
  for (const category of new Set(f.work.map((w) => w.category))) {
    body.push({ type: "heading", level: 3, text: `${String.fromCharCode(97 + letter++)}) ${vi(`categories.${category}`)}` });
    for (const card of f.work.filter((w) => w.category === category)) {
      const state = card.status === "done" ? vi("reportDoc.cardDone") : vi("reportDoc.cardPartly", { done: card.done, total: card.total });
      const cardOriginal = card.original ? [{ text: ` — ${vi("reportDoc.original", { text: card.original })}`, italic: true }] : [];
      body.push({ type: "bullet", runs: [{ text: card.title, bold: true }, ...cardOriginal, { text: ` (${state})` }] });
      for (const item of card.items) {
        const who = item.doneBy ? (input.names[item.doneBy] ?? "") : "";
        const itemOriginal = item.original ? [{ text: `${vi("reportDoc.original", { text: item.original })} `, italic: true }] : [];
        body.push({ type: "paragraph", indent: true, runs: [{ text: `+ ${item.text} ` }, ...itemOriginal, { text: `(${formatDate(item.doneAt)}${who ? `, ${who}` : ""})`, italic: true }] });
      }
    }
  }
  body.push({ type: "heading", level: 2, text: `4. ${vi("reportDoc.highlights")}` });
  body.push(...paragraphs(draft.sections.results, vi("reportDoc.none")));

  heading1("reportDoc.shortcomings");
  body.push(...paragraphs(draft.sections.shortcomings, vi("reportDoc.none")));
  heading1("reportDoc.proposals");
  body.push(...paragraphs(draft.sections.proposals, vi("reportDoc.none")));
  heading1("reportDoc.commendations");
  body.push(commendationTable(draft.commendations.map((c) => ({ ...c, school: null }))));

  return normaliseDocument({
    parentBody: h.parentBody.toUpperCase(),
    issuingBody: h.issuingBody.toUpperCase(),
    numberLine: numberLine(h.number, h.symbol),
    placeDate: placeAndDate(h.place, h.date),
    type: "BÁO CÁO",
    summary: draft.summary,
    recipients: h.recipients,
    body,
    closing: vi("reportDoc.closing", { school: input.schoolName }),
    distribution: h.distribution,
    signerCapacity: h.signerCapacity.map((s) => s.toUpperCase()),
    signerName: h.signerName,
    appendix: input.photos.length
      ? {
          title: vi("reportDoc.appendix"),
          photos: input.photos.map((p, i) => ({
            evidenceId: p.id,
            caption: vi("reportDoc.caption", { n: i + 1, what: p.itemText ?? p.cardTitle, card: p.cardTitle, date: p.takenAt ? formatDate(p.takenAt) : "—" }),
          })),
        }
      : null,
  });
}

/** Đề xuất khen thưởng as a table; the district's summary adds the school column. */
export function commendationTable(rows: { kind: "collective" | "individual"; name: string; reason: string; school: string | null }[]): Block {
  const withSchool = rows.some((r) => r.school !== null);
  if (!rows.length) return { type: "paragraph", indent: true, runs: [{ text: vi("reportDoc.noCommendations") }] };
  return {
    type: "table",
    columns: [
      { title: vi("reportDoc.col.no"), width: 0.07, align: "center" },
      { title: vi("reportDoc.col.kind"), width: 0.15 },
      { title: vi("reportDoc.col.name"), width: withSchool ? 0.22 : 0.3 },
      ...(withSchool ? [{ title: vi("reportDoc.col.school"), width: 0.2 }] : []),
      { title: vi("reportDoc.col.reason"), width: withSchool ? 0.36 : 0.48 },
    ],
    rows: rows.map((r, i) => [String(i + 1), vi(`reportDoc.kind.${r.kind}`), r.name, ...(withSchool ? [r.school ?? ""] : []), r.reason]),
  };
}

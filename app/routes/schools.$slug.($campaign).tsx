import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useLocation, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { toBase64 } from "lib0/buffer";
import { isFrozen, readBoard, todayInHcm, WARDS } from "~/domain";
import { CampaignPicker } from "~/components/campaign-picker";
import { BoardView } from "~/features/board/board-view";
import { BoardFeed } from "~/features/comments/board-feed";
import { BoardLiveProvider } from "~/features/comments/board-live";
import { boardOriginals } from "~/models/originals.server";
import { ReportPanel, SUBMIT_REPORT_INTENT } from "~/features/report/report-panel";
import { REPORT_NOTE_MAX } from "~/domain/report";
import { formatDate } from "~/i18n/format";
import { t as translate } from "~/i18n/i18n";
import { deadlineDate, findSchoolBoard } from "~/models/board.server";
import { getCollab } from "~/models/collab.server";
import { boardTemplateNote } from "~/models/campaign.server";
import { reportInputSchema, reportPanel, submitReport } from "~/models/report.server";
import { ApiError } from "~/utils/api.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { assertPageCan, can, requireUser } from "~/utils/permissions.server";
import { notFound, pageErrorResponse } from "~/utils/app-error";
import { readFormData } from "~/utils/form.server";
import { keepPageForOffline } from "~/utils/offline.client";
import { pageTitle } from "~/utils/page-title";

export const meta: MetaFunction<typeof loader> = (args) => [...pageTitle(args, args.data?.school.name)];

// /schools/<slug> opens the school's most urgent open campaign; /schools/<slug>/<campaign slug>
// is that campaign's board (each board has its own URL). A closed campaign's board is read-only.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await findSchoolBoard(params.slug ?? "", params.campaign);
  if (!found || (params.campaign && !found.campaign)) throw pageErrorResponse(notFound());
  const { school, campaign, board, campaigns } = found;
  const resource = { type: "board" as const, districtId: school.districtId, schoolId: school.id };
  assertPageCan(user, "view:board", resource);
  const closed = campaign ? isFrozen(campaign.status) : false;
  const readOnly = !can(user, "edit:board", resource) || closed;

  const schoolInfo = { name: school.name, slug: school.slug, level: school.level, ward: WARDS.find((w) => w.slug === school.ward)?.name ?? school.ward };
  const picker = campaigns.map((c) => ({ id: c.id, slug: c.slug, name: c.name, deadline: c.deadline, status: c.status }));
  const base = { school: schoolInfo, readOnly, closed, campaigns: picker, manageEvidence: can(user, "manage:evidence", resource), user: { id: user.userId, name: user.name } };
  if (!board || !campaign) return { ...base, campaign: campaign && campaignInfoOf(campaign), live: null, error: false };

  // The live document from the collaboration service (the same room the browser joins next, so
  // loading it here warms that room): its decoded board renders the page, its bytes seed the
  // browser's replica.
  const doc = await (await getCollab()).readDoc(board.id);
  const decoded = readBoard(doc);
  const campaignInfo = campaignInfoOf(campaign);
  const report = await reportPanel(board, can(user, "submit:report", resource) && !closed);
  if (!decoded.ok) return { ...base, campaign: campaignInfo, report, live: null, error: true };

  // Assignees are chosen from the school's team: its principal and teachers.
  const memberships = await getDb().membership.findMany({
    where: { schoolId: school.id, user: { active: true } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  const cardParam = new URL(request.url).searchParams.get("card");
  return {
    ...base,
    campaign: campaignInfo,
    report,
    error: false,
    canComment: can(user, "comment:board", resource),
    originals: await boardOriginals(board.campaignId, decoded.board.templateVersion ?? board.templateVersion),
    initialCardId: cardParam && decoded.board.cards.some((c) => c.id === cardParam) ? cardParam : null,
    // What the district changed in its latest published template version, shown above the board.
    templateNote: await boardTemplateNote(board.id),
    live: {
      boardId: board.id,
      state: toBase64(Y.encodeStateAsUpdate(doc)),
      board: decoded.board,
      members: memberships.map((m) => m.user),
      today: todayInHcm(new Date()),
    },
  };
}

function campaignInfoOf(c: { id: string; slug: string; name: string; deadline: Date; status: string; closedAt: Date | null }) {
  return { id: c.id, slug: c.slug, name: c.name, deadline: deadlineDate(c.deadline), status: c.status, closedOn: c.closedAt ? todayInHcm(c.closedAt) : null };
}

/** The page's one form: the principal submits (or re-submits) the school's results report. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const found = await findSchoolBoard(params.slug ?? "", params.campaign);
  if (!found?.board || !found.campaign) throw pageErrorResponse(notFound());
  const { school, board } = found;
  const locale = await getLocale(request);
  // Nothing of a closed campaign changes, its report included.
  if (isFrozen(found.campaign.status)) return Response.json({ reportError: translate(locale, "board.closedCampaign.refused") }, { status: 409 });
  const form = await readFormData(request);
  if (form.get("intent") !== SUBMIT_REPORT_INTENT) throw new Response("Unknown intent", { status: 400 });
  assertPageCan(user, "submit:report", { type: "board", districtId: school.districtId, schoolId: school.id });
  const parsed = reportInputSchema.safeParse({ note: form.get("note") ?? "" });
  if (!parsed.success) {
    return Response.json({ reportError: translate(locale, "report.noteTooLong", { max: REPORT_NOTE_MAX }) }, { status: 422 });
  }
  try {
    await submitReport({ ...board, school }, user.userId, parsed.data.note);
  } catch (error) {
    // Missing evidence (422) or an accepted report (409): say so on the page, keep the note.
    if (error instanceof ApiError) {
      const locale = await getLocale(request);
      const items = (error.details?.items as { text: string }[] | undefined)?.map((i) => i.text) ?? [];
      const message = error.code === "evidence_missing" ? translate(locale, "report.evidenceMissing", { items: items.join("; ") }) : translate(locale, "report.alreadyAccepted");
      return Response.json({ reportError: message }, { status: error.status });
    }
    throw error;
  }
  return { reportError: null };
}

export default function SchoolBoard() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { reportError: string | null } | undefined;
  const { t } = useTranslation();
  const live = data.live;
  const note = "templateNote" in data ? data.templateNote : null;
  const revalidator = useRevalidator();
  // Reached by client-side navigation (right after signing in), the page must still reload offline.
  const { pathname } = useLocation();
  const hasBoard = !!live;
  useEffect(() => {
    if (hasBoard) keepPageForOffline(pathname);
  }, [pathname, hasBoard]);
  const rendered = live?.board.templateVersion ?? 0;
  // A publish reaches the document live; the loader then brings its note.
  const onTemplateVersion = useCallback(
    (version: number) => {
      if (version > rendered && revalidator.state === "idle") revalidator.revalidate();
    },
    [rendered, revalidator],
  );
  return (
    <section className="stack">
      <header className="page-header">
        <div>
          <p className="eyebrow">
            {t(`levels.${data.school.level}`)} · {data.school.ward}
          </p>
          <h1>{data.school.name}</h1>
          {data.campaign ? (
            <p className="muted">
              {data.campaign.name} · {t("board.deadline")}: <strong>{formatDate(data.campaign.deadline)}</strong>
            </p>
          ) : null}
        </div>
      </header>
      <CampaignPicker
        campaigns={data.campaigns}
        currentId={data.campaign?.id ?? null}
        hrefFor={(c) => `/schools/${data.school.slug}/${c.slug}`}
        label={t("board.campaignSwitcher")}
      />
      {data.closed && data.campaign ? (
        <p className="notice notice-closed" data-testid="campaign-closed">
          <strong>{t("board.closedCampaign.title")}</strong> ·{" "}
          {data.campaign.closedOn ? t("board.closedCampaign.since", { date: formatDate(data.campaign.closedOn) }) : t("board.closedCampaign.hint")}
        </p>
      ) : data.readOnly ? (
        <p className="notice">
          <strong>{t("board.readOnly")}</strong> · {t("board.readOnlyHint")}
        </p>
      ) : null}
      {!live && !data.error ? <p className="notice">{t("board.noBoard")}</p> : null}
      {note ? (
        <aside className="notice template-note" aria-label={t("board.templateNote.title")}>
          <strong>{t("board.templateNote.title")}</strong>{" "}
          <span className="muted small">{t("board.templateNote.when", { date: formatDate(note.publishedAt), version: note.version })}</span>
          <p className="template-note-text">{note.note}</p>
        </aside>
      ) : null}
      {"report" in data && data.report ? <ReportPanel data={data.report} error={actionData?.reportError} /> : null}
      {data.error ? (
        <p className="notice notice-error" role="alert">
          {t("board.unreadable")}
        </p>
      ) : null}
      {live && "originals" in data ? (
        <BoardLiveProvider boardId={live.boardId}>
          <BoardView
            boardId={live.boardId}
            state={live.state}
            board={live.board}
            readOnly={data.readOnly}
            manageEvidence={data.manageEvidence}
            user={data.user}
            members={live.members}
            today={live.today}
            onTemplateVersion={onTemplateVersion}
            canComment={data.canComment}
            originals={data.originals}
            initialCardId={data.initialCardId}
          />
          <BoardFeed boardId={live.boardId} people={live.members} />
        </BoardLiveProvider>
      ) : null}
    </section>
  );
}

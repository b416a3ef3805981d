import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback } from "react";
import { useTranslation } from "react-i18next";
import * as Y from "yjs";
import { toBase64 } from "lib0/buffer";
import { readBoard, todayInHcm, WARDS } from "~/domain";
import { BoardView } from "~/features/board/board-view";
import { ReportPanel, SUBMIT_REPORT_INTENT } from "~/features/report/report-panel";
import { REPORT_NOTE_MAX } from "~/domain/report";
import { formatDate } from "~/i18n/format";
import { t as translate } from "~/i18n/i18n";
import { deadlineDate, findSchoolBoard } from "~/models/board.server";
import { getCollab } from "~/models/collab.server";
import { boardTemplateNote } from "~/models/campaign.server";
import { reportInputSchema, reportPanel, submitReport } from "~/models/report.server";
import { getDb } from "~/utils/db.server";
import { getLocale } from "~/utils/locale.server";
import { assertPageCan, can, requireUser } from "~/utils/permissions.server";
import { notFound, pageErrorResponse } from "~/utils/app-error";
import { readFormData } from "~/utils/form.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.school.name ?? ""} · Campaign Board` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await findSchoolBoard(params.slug ?? "");
  if (!found) throw pageErrorResponse(notFound());
  const { school, campaign, board } = found;
  const resource = { type: "board" as const, districtId: school.districtId, schoolId: school.id };
  assertPageCan(user, "view:board", resource);
  const readOnly = !can(user, "edit:board", resource);

  const schoolInfo = { name: school.name, slug: school.slug, level: school.level, ward: WARDS.find((w) => w.slug === school.ward)?.name ?? school.ward };
  const base = { school: schoolInfo, readOnly, user: { id: user.userId, name: user.name } };
  if (!board || !campaign) return { ...base, campaign: null, live: null, error: false };

  // The live document from the collaboration service (the same room the browser joins next, so
  // loading it here warms that room): its decoded board renders the page, its bytes seed the
  // browser's replica.
  const doc = await (await getCollab()).readDoc(board.id);
  const decoded = readBoard(doc);
  const campaignInfo = { name: campaign.name, deadline: deadlineDate(campaign.deadline) };
  const report = await reportPanel(board, can(user, "submit:report", resource));
  if (!decoded.ok) return { ...base, campaign: campaignInfo, report, live: null, error: true };

  // Assignees are chosen from the school's team: its principal and teachers.
  const memberships = await getDb().membership.findMany({
    where: { schoolId: school.id, user: { active: true } },
    select: { user: { select: { id: true, name: true } } },
    orderBy: { user: { name: "asc" } },
  });
  return {
    ...base,
    campaign: campaignInfo,
    report,
    error: false,
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

/** The page's one form: the principal submits (or re-submits) the school's results report. */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const found = await findSchoolBoard(params.slug ?? "");
  if (!found?.board || !found.campaign) throw pageErrorResponse(notFound());
  const { school, board } = found;
  const form = await readFormData(request);
  if (form.get("intent") !== SUBMIT_REPORT_INTENT) throw new Response("Unknown intent", { status: 400 });
  assertPageCan(user, "submit:report", { type: "board", districtId: school.districtId, schoolId: school.id });
  const parsed = reportInputSchema.safeParse({ note: form.get("note") ?? "" });
  if (!parsed.success) {
    return Response.json({ reportError: translate(await getLocale(request), "report.noteTooLong", { max: REPORT_NOTE_MAX }) }, { status: 422 });
  }
  await submitReport({ ...board, school }, user.userId, parsed.data.note);
  return { reportError: null };
}

export default function SchoolBoard() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as { reportError: string | null } | undefined;
  const { t } = useTranslation();
  const live = data.live;
  const note = "templateNote" in data ? data.templateNote : null;
  const revalidator = useRevalidator();
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
      {data.readOnly ? (
        <p className="notice">
          <strong>{t("board.readOnly")}</strong> · {t("board.readOnlyHint")}
        </p>
      ) : null}
      {!data.campaign ? <p className="notice">{t("board.noBoard")}</p> : null}
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
      {live ? (
        <BoardView
          boardId={live.boardId}
          state={live.state}
          board={live.board}
          readOnly={data.readOnly}
          user={data.user}
          members={live.members}
          today={live.today}
          onTemplateVersion={onTemplateVersion}
        />
      ) : null}
    </section>
  );
}

import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { boardProgress, cardsByColumn, isOverdue, readBoard, STATUSES, todayInHcm, WARDS } from "~/domain";
import { formatDate } from "~/i18n/format";
import { deadlineDate, findSchoolBoard, loadBoardDoc } from "~/models/board.server";
import { requireUser } from "~/utils/permissions.server";
import { can } from "~/domain/permissions";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.school.name ?? ""} · Campaign Board` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const found = await findSchoolBoard(params.slug ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const { school, campaign, board } = found;
  const resource = { type: "board" as const, districtId: school.districtId, schoolId: school.id };
  if (!can(user, "view:board", resource)) throw new Response("Forbidden", { status: 403 });

  const schoolInfo = { name: school.name, slug: school.slug, level: school.level, ward: WARDS.find((w) => w.slug === school.ward)?.name ?? school.ward };
  if (!board || !campaign) return { school: schoolInfo, campaign: null, board: null, readOnly: true };

  const decoded = readBoard(await loadBoardDoc(board.id));
  const today = todayInHcm(new Date());
  return {
    school: schoolInfo,
    campaign: { name: campaign.name, deadline: deadlineDate(campaign.deadline) },
    readOnly: !can(user, "edit:board", resource),
    board: decoded.ok
      ? {
          id: board.id,
          progress: boardProgress(decoded.board),
          columns: Object.entries(cardsByColumn(decoded.board)).map(([status, cards]) => ({
            status,
            cards: cards.map((c) => ({
              id: c.id,
              title: c.title,
              category: c.category,
              criteria: c.criteria,
              dueDate: c.dueDate,
              section: c.section,
              overdue: isOverdue(c, today),
              checklist: c.checklist.filter((i) => !i.archived).map((i) => ({ id: i.id, text: i.text, done: i.done })),
            })),
          })),
        }
      : { id: board.id, error: decoded.error },
  };
}

export default function SchoolBoard() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const board = data.board;
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
        {board && "progress" in board && board.progress ? (
          <div className="progress-summary">
            <span>{t("board.progress")}</span>
            <progress max={board.progress.total} value={board.progress.done} />
            <strong>{t("board.progressValue", board.progress)}</strong>
          </div>
        ) : null}
      </header>
      {data.readOnly ? <p className="notice">{t("board.readOnly")}</p> : null}
      {!board ? <p className="notice">{t("board.noBoard")}</p> : null}
      {board && "error" in board ? (
        <p className="notice notice-error" role="alert">
          {t("board.unreadable")}
        </p>
      ) : null}
      {board && "columns" in board && board.columns ? (
        <div className="columns">
          {STATUSES.map((status) => {
            const column = board.columns.find((c) => c.status === status);
            const cards = column?.cards ?? [];
            return (
              <section key={status} className={`column column-${status}`} aria-labelledby={`col-${status}`}>
                <h2 id={`col-${status}`}>
                  {t(`statuses.${status}`)} <span className="count">{cards.length}</span>
                </h2>
                {cards.length === 0 ? <p className="muted">{t("board.empty")}</p> : null}
                <ul className="card-list">
                  {cards.map((card) => {
                    const done = card.checklist.filter((i) => i.done).length;
                    return (
                      <li key={card.id} className={`card${card.overdue ? " card-overdue" : ""}`}>
                        <h3>{card.title}</h3>
                        <p className="card-meta">
                          <span className="tag">{t(`categories.${card.category}`)}</span>
                          {card.section ? <span className="muted small">{t("board.section", { section: card.section })}</span> : null}
                        </p>
                        <p className="criteria">
                          {card.criteria.map((c) => (
                            <span key={c} className={`criterion criterion-${c}`}>
                              {t(`criteria.${c}`)}
                            </span>
                          ))}
                        </p>
                        {card.dueDate ? (
                          <p className={card.overdue ? "due due-overdue" : "due"}>
                            {t("board.due", { date: formatDate(card.dueDate) })}
                            {card.overdue ? ` · ${t("board.overdue")}` : ""}
                          </p>
                        ) : null}
                        {card.checklist.length > 0 ? (
                          <div className="checklist-progress">
                            <progress max={card.checklist.length} value={done} aria-label={t("board.checklist")} />
                            <span className="small">
                              {done}/{card.checklist.length}
                            </span>
                          </div>
                        ) : null}
                      </li>
                    );
                  })}
                </ul>
              </section>
            );
          })}
        </div>
      ) : null}
    </section>
  );
}

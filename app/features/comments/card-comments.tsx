import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { COMMENT_MAX } from "~/domain/mentions";
import { formatDateTime } from "~/i18n/format";
import { useBoardLive } from "./board-live";

type Person = { id: string; name: string };
type Comment = { id: string; author: Person; text: string; deleted: boolean; mentions: Person[]; at: string; editedAt: string | null; mine: boolean };

const ERRORS: Record<string, string> = { comment_empty: "comments.errors.empty", comment_too_long: "comments.errors.tooLong" };

async function send(method: string, url: string, body?: unknown) {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  return { ok: res.ok, json };
}

/** The card's comments, live; @ opens suggestions of who may be mentioned. */
export function CardComments({ boardId, cardId, canComment }: { boardId: string; cardId: string; canComment: boolean }) {
  const { t } = useTranslation();
  const live = useBoardLive();
  const base = `/api/v1/boards/${boardId}/cards/${encodeURIComponent(cardId)}/comments`;
  const [comments, setComments] = useState<Comment[] | null>(null);
  const [people, setPeople] = useState<Person[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let stale = false;
    void fetch(base).then(async (res) => {
      if (!res.ok || stale) return;
      const data = (await res.json()) as { comments: Comment[]; mentionable: Person[] };
      setComments(data.comments);
      setPeople(data.mentionable);
    }).catch(() => undefined); // offline: keep what is shown; the next change or reopen loads again
    return () => {
      stale = true;
    };
  }, [base, live?.comment]);

  const reload = async () => {
    const res = await fetch(base);
    if (res.ok) setComments(((await res.json()) as { comments: Comment[] }).comments);
  };
  const failed = (json: { error?: { code: string } } | null) => t(ERRORS[json?.error?.code ?? ""] ?? "comments.errors.failed", { max: COMMENT_MAX });

  return (
    <section className="card-section" aria-labelledby={`comments-${cardId}`}>
      <h3 id={`comments-${cardId}`}>{t("comments.title")}</h3>
      {comments && comments.length === 0 ? <p className="muted small">{t("comments.empty")}</p> : null}
      <ul className="comment-list" data-testid="comments">
        {comments?.map((c) => (
          <CommentItem key={c.id} comment={c} url={`${base}/${c.id}`} onChanged={reload} failed={failed} />
        ))}
      </ul>
      {notice ? (
        <p className="notice small" role="status" data-testid="comment-notice">
          {notice}
        </p>
      ) : null}
      {canComment ? (
        <CommentBox
          people={people}
          error={error}
          onSubmit={async (text) => {
            const { ok, json } = await send("POST", base, { text });
            if (!ok) {
              setError(failed(json));
              return false;
            }
            setError(null);
            const missed = (json?.notDelivered ?? []) as Person[];
            setNotice(missed.length ? t("comments.notDelivered", { names: missed.map((p) => p.name).join(", ") }) : null);
            await reload();
            return true;
          }}
        />
      ) : null}
    </section>
  );
}

function CommentItem({ comment: c, url, onChanged, failed }: { comment: Comment; url: string; onChanged: () => Promise<void>; failed: (json: never) => string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(c.text);
  const [error, setError] = useState<string | null>(null);
  if (c.deleted) {
    return (
      <li className="comment">
        <p className="muted small">{t("comments.deleted")}</p>
      </li>
    );
  }
  return (
    <li className="comment" data-testid="comment">
      <div className="comment-head">
        <strong>{c.author.name}</strong>
        <span className="muted small">
          {formatDateTime(c.at)}
          {c.editedAt ? ` · ${t("comments.edited")}` : ""}
        </span>
        {c.mine && !editing ? (
          <span className="comment-actions">
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              {t("comments.edit")}
            </button>
            <button
              type="button"
              className="link-button"
              onClick={async () => {
                if (!window.confirm(t("comments.confirmDelete"))) return;
                await send("DELETE", url);
                await onChanged();
              }}
            >
              {t("comments.delete")}
            </button>
          </span>
        ) : null}
      </div>
      {editing ? (
        <form
          className="comment-form"
          onSubmit={async (e) => {
            e.preventDefault();
            const { ok, json } = await send("PATCH", url, { text: draft });
            if (!ok) return setError(failed(json as never));
            setEditing(false);
            setError(null);
            await onChanged();
          }}
        >
          <textarea value={draft} onChange={(e) => setDraft(e.target.value)} maxLength={COMMENT_MAX} aria-label={t("comments.edit")} />
          {error ? <span className="field-error" role="alert">{error}</span> : null}
          <div className="comment-form-actions">
            <button type="submit" className="btn btn-primary">
              {t("comments.save")}
            </button>
            <button type="button" className="btn board-btn-secondary" onClick={() => setEditing(false)}>
              {t("comments.cancel")}
            </button>
          </div>
        </form>
      ) : (
        <p className="comment-text">
          <Highlighted text={c.text} names={c.mentions.map((m) => m.name)} />
        </p>
      )}
    </li>
  );
}

/** Shows "@Name" of the people actually mentioned in bold. */
function Highlighted({ text, names }: { text: string; names: string[] }) {
  if (names.length === 0) return <>{text}</>;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).sort((a, b) => b.length - a.length);
  const parts = text.split(new RegExp(`(@(?:${escaped.join("|")}))`, "giu"));
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <span key={i} className="mention">
            {p}
          </span>
        ) : (
          p
        ),
      )}
    </>
  );
}

function CommentBox({ people, error, onSubmit }: { people: Person[]; error: string | null; onSubmit: (text: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [query, setQuery] = useState<string | null>(null);
  const area = useRef<HTMLTextAreaElement>(null);
  const onInput = (value: string, caret: number) => {
    setText(value);
    const m = /(?:^|\s)@([^@\n]{0,30})$/u.exec(value.slice(0, caret));
    setQuery(m ? m[1] : null);
  };
  const q = query?.toLocaleLowerCase("vi") ?? "";
  const suggestions = query === null ? [] : people.filter((p) => p.name.toLocaleLowerCase("vi").includes(q)).slice(0, 6);
  const pick = (p: Person) => {
    const el = area.current;
    const caret = el?.selectionStart ?? text.length;
    const before = text.slice(0, caret).replace(/@([^@\n]{0,30})$/u, `@${p.name} `);
    const next = before + text.slice(caret);
    setText(next);
    setQuery(null);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(before.length, before.length);
    });
  };
  return (
    <form
      className="comment-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const ok = await onSubmit(text);
        setBusy(false);
        if (ok) setText("");
      }}
    >
      <textarea
        ref={area}
        value={text}
        placeholder={t("comments.placeholder")}
        aria-label={t("comments.placeholder")}
        maxLength={COMMENT_MAX + 100}
        onChange={(e) => onInput(e.target.value, e.target.selectionStart)}
        data-testid="comment-input"
      />
      {suggestions.length ? (
        <ul className="mention-suggestions" aria-label={t("comments.mentionHint")}>
          {suggestions.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => pick(p)}>
                @{p.name}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
      <div className="comment-form-actions">
        <span className="muted small">
          {text.trim().length}/{COMMENT_MAX}
        </span>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t("comments.send")}
        </button>
      </div>
    </form>
  );
}

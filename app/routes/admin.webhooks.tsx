import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/features/admin/components/form-bits";
import { requireDistrict } from "~/features/admin/guard.server";
import { readFormData } from "~/utils/form.server";
import { formatDateTime } from "~/i18n/format";
import { WEBHOOK_EVENTS } from "~/domain/webhook-events";
import { createWebhook, deleteWebhook, listWebhooks, webhookInputSchema, WebhookError } from "~/models/webhook.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireDistrict(request, "manage:webhooks");
  return { webhooks: await listWebhooks(user.districtId) };
}

type ActionData = { ok: true; secret: string } | { ok: false; error: string; values: { url: string } } | { ok: true; deleted: true };

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireDistrict(request, "manage:webhooks");
  const data = await readFormData(request);
  const field = (name: string) => (typeof data.get(name) === "string" ? (data.get(name) as string) : "");
  const intent = field("intent");
  const form = { id: field("id"), url: field("url"), secret: field("secret") };
  if (intent === "delete") {
    await deleteWebhook(user.districtId, form.id ?? "");
    return { ok: true, deleted: true } satisfies ActionData;
  }
  const events = data.getAll("events").filter((e): e is string => typeof e === "string");
  const parsed = webhookInputSchema.safeParse({ url: form.url ?? "", secret: form.secret?.trim() ? form.secret : undefined, events });
  if (!parsed.success) {
    const field = String(parsed.error.issues[0].path[0] ?? "url");
    const error = field === "secret" ? "webhooks.errors.secret" : field === "events" ? "webhooks.errors.events" : "webhooks.errors.webhook_url_invalid";
    return Response.json({ ok: false, error, values: { url: form.url ?? "" } } satisfies ActionData, { status: 422 });
  }
  try {
    const { secret } = await createWebhook(user.districtId, user.userId, parsed.data);
    return { ok: true, secret } satisfies ActionData;
  } catch (error) {
    if (error instanceof WebhookError) return Response.json({ ok: false, error: `webhooks.errors.${error.code}`, values: { url: form.url ?? "" } } satisfies ActionData, { status: 422 });
    throw error;
  }
}

export default function Webhooks() {
  const { webhooks } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <h2>{t("webhooks.title")}</h2>
      <p className="muted">{t("webhooks.intro")}</p>
      {result && "secret" in result ? (
        <p className="notice" role="status" data-testid="webhook-secret">
          {t("webhooks.created", { secret: result.secret })}
        </p>
      ) : null}
      <Form method="post" className="form-grid" key={result && "secret" in result ? result.secret : "new"}>
        <input type="hidden" name="intent" value="create" />
        <Field label={t("webhooks.url")} error={result && !result.ok ? result.error : undefined}>
          <input name="url" type="url" required inputMode="url" placeholder="https://bot.example.vn/hook" defaultValue={result && !result.ok ? result.values.url : ""} />
        </Field>
        <Field label={t("webhooks.secret")}>
          <input name="secret" autoComplete="off" minLength={16} />
        </Field>
        <fieldset className="field webhook-events">
          <legend>{t("webhooks.events")}</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label key={e} className="checkbox">
              <input type="checkbox" name="events" value={e} defaultChecked />
              <span>
                {t(`webhooks.eventNames.${e}`)} <code className="muted small">{e}</code>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t("webhooks.add")}
          </button>
        </div>
      </Form>
      {webhooks.length === 0 ? <p className="muted">{t("webhooks.empty")}</p> : null}
      <ul className="admin-list" aria-label={t("webhooks.title")}>
        {webhooks.map((w) => (
          <li key={w.id} className="admin-row" data-testid="webhook">
            <div className="stack-tight">
              <strong className="break">{w.url}</strong>
              <span className="muted small">
                {w.events.join(", ")} · {w.secretHint}
              </span>
              <details>
                <summary>{t("webhooks.deliveries")}</summary>
                {w.deliveries.length === 0 ? <p className="muted small">{t("webhooks.noDeliveries")}</p> : null}
                <ul className="webhook-log">
                  {w.deliveries.map((d) => (
                    <li key={d.id} className="small">
                      <code>{d.event}</code> · {formatDateTime(d.at)} · <span className={`badge delivery-${d.status}`}>{t(`webhooks.status.${d.status}`)}</span> ·{" "}
                      {t("webhooks.attempts", { count: d.attempts })}
                      {d.lastStatus ? ` · HTTP ${d.lastStatus}` : ""}
                      {d.lastError ? ` · ${d.lastError}` : ""}
                      {d.nextAttemptAt ? ` · ${t("webhooks.nextAttempt", { at: formatDateTime(d.nextAttemptAt) })}` : ""}
                    </li>
                  ))}
                </ul>
              </details>
            </div>
            <Form method="post">
              <input type="hidden" name="intent" value="delete" />
              <input type="hidden" name="id" value={w.id} />
              <button type="submit" className="btn btn-ghost">
                {t("webhooks.delete")}
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </div>
  );
}

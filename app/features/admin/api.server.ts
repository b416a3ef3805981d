import { z } from "zod";
import { t } from "~/i18n/i18n";
import { ApiError, readJson } from "~/utils/api.server";
import { getLocale } from "~/utils/locale.server";
import type { SessionUser } from "~/utils/permissions.server";
import { assertCan } from "~/utils/permissions.server";
import type { Permission } from "~/domain/permissions";
import { issueLine } from "./import/format";
import type { ImportIssue } from "./import/issues";

/** Reads JSON (size and syntax checked by readJson) and validates it; messages come out translated. */
export async function readJsonBody<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  const raw = await readJson(request, z.unknown());
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const locale = await getLocale(request);
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "body";
    throw new ApiError(422, "validation_failed", `${where}: ${t(locale, issue.message)}`);
  }
  return parsed.data;
}

export function assertDistrict(user: SessionUser, permission: Permission = "manage:people") {
  assertCan(user, permission, { type: "district", districtId: user.districtId });
}

/** Model refusals are AppErrors already (403): handleApi answers them; kept as the call sites' marker. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  return fn();
}

export async function issuesJson(request: Request, issues: ImportIssue[]) {
  const locale = await getLocale(request);
  const tr = (key: string, options?: Record<string, unknown>) => t(locale, key, options);
  return issues.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column, code: i.code, message: issueLine(tr, i) }));
}

import { z } from "zod";
import { t } from "~/i18n/i18n";
import { ApiError, readJson } from "~/utils/api.server";
import { getLocale } from "~/utils/locale.server";
import type { SessionUser } from "~/utils/permissions.server";
import { can } from "~/utils/permissions.server";
import type { Permission } from "~/domain/permissions";
import { issueLine } from "./import/format";
import type { ImportIssue } from "./import/issues";
import { Forbidden } from "~/models/person.server";

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
  if (!can(user, permission, { type: "district", districtId: user.districtId })) throw new ApiError(403, "forbidden", `Not allowed: ${permission}`);
}

/** Model refusals (Forbidden) become the API's 403. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Forbidden) throw new ApiError(403, "forbidden", error.message);
    throw error;
  }
}

export async function issuesJson(request: Request, issues: ImportIssue[]) {
  const locale = await getLocale(request);
  const tr = (key: string, options?: Record<string, unknown>) => t(locale, key, options);
  return issues.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column, code: i.code, message: issueLine(tr, i) }));
}

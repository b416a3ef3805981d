import type { Plan } from "./plan";
import type { UploadMeta } from "./store.server";
import { issuesJson } from "../api.server";

/** An import as the JSON API shows it: the file, what each row will do, and every problem in words. */
export async function importJson(request: Request, meta: UploadMeta, plan: Plan) {
  return {
    id: meta.id,
    filename: meta.filename,
    size: meta.size,
    uploadedAt: meta.uploadedAt,
    applied: meta.applied ?? null,
    counts: plan.counts,
    issues: await issuesJson(request, plan.issues),
    rows: {
      schools: plan.schools.map((s) => ({ row: s.row, action: s.action, name: s.name, level: s.level, ward: s.ward, code: s.code })),
      people: plan.people.map((p) => ({ row: p.row, action: p.action, name: p.name, email: p.email, role: p.role, school: p.target?.name ?? null })),
    },
  };
}

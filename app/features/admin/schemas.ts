import { z } from "zod";
import { LEVELS, ROLES, WARDS } from "~/domain/vocabulary";
import { isSchoolRole } from "~/domain/permissions";
import { codeKey } from "./text";

// Messages are i18n keys under admin.errors; the form shows t(key).
const name = (max: number) => z.string().trim().min(2, "admin.errors.name").max(max, "admin.errors.tooLong");

export const schoolForm = z.object({
  name: name(200),
  level: z.enum(LEVELS, "admin.errors.level"),
  ward: z.string().refine((w) => WARDS.some((x) => x.slug === w), "admin.errors.ward"),
  code: z
    .string()
    .trim()
    .max(32, "admin.errors.code")
    .regex(/^[\p{L}\p{N}._\- ]*$/u, "admin.errors.code")
    .transform((v) => (v ? codeKey(v) : null)),
});
export type SchoolInput = z.infer<typeof schoolForm>;

export const emailField = z.string().trim().toLowerCase().pipe(z.email("admin.errors.email").max(254, "admin.errors.email"));

/** A person's place: school roles need a school, district roles have none. */
export const placementForm = z
  .object({
    role: z.enum(ROLES, "admin.errors.role"),
    schoolId: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .superRefine((v, ctx) => {
    if (isSchoolRole(v.role) && !v.schoolId) ctx.addIssue({ code: "custom", path: ["schoolId"], message: "admin.errors.schoolRequired" });
  })
  .transform((v) => ({ role: v.role, schoolId: isSchoolRole(v.role) ? v.schoolId : null }));

export const personForm = z.intersection(z.object({ name: name(120) }), placementForm);
export const inviteForm = z.intersection(z.object({ name: name(120), email: emailField }), placementForm);

/** The password people choose (invitation, reset): better-auth's minimum is 8. */
export const newPasswordForm = z
  .object({
    password: z.string().min(8, "password.errors.tooShort").max(128, "password.errors.tooLong"),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "password.errors.mismatch" });

/** zod issues → { field: i18nKey } for a form (first problem per field). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    out[key] ??= issue.message;
  }
  return out;
}

import { getDb } from "~/utils/db.server";

/** The ids of everyone with a membership in a school: who may be assigned to its cards. */
export async function schoolMemberIds(schoolId: string): Promise<Set<string>> {
  const rows = await getDb().membership.findMany({ where: { schoolId }, select: { userId: true } });
  return new Set(rows.map((r) => r.userId));
}

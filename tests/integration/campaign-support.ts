import { expect } from "vitest";
import { getDb } from "~/utils/db.server";
import { eventually } from "../support/collab-client";

// Helpers of the campaign integration tests: JSON calls as a signed-in person, and waiting for a
// launch/publish job the way the progress display does (polling its endpoint).

export type Api = (path: string, init?: { method?: string; body?: unknown }) => Promise<{ status: number; json: any }>;

export function apiAs(base: string, cookie: string): Api {
  return async (path, init = {}) => {
    const res = await fetch(`${base}${path}`, {
      method: init.method ?? "GET",
      headers: { cookie, origin: base, ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: "manual",
    });
    const text = await res.text();
    let json: unknown = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
}

/** Polls GET /api/v1/campaigns/<id>/job until the job is no longer running. */
export async function waitForJob(api: Api, campaignId: string, timeoutMs = 60_000) {
  return eventually(async () => {
    const { json } = await api(`/api/v1/campaigns/${campaignId}/job`);
    expect(json.job?.status).not.toBe("running");
    return json.job as { status: string; done: number; total: number; kind: string; version: number; error: string | null };
  }, timeoutMs);
}

export async function userId(email: string) {
  return (await getDb().user.findFirstOrThrow({ where: { email }, select: { id: true } })).id;
}

export const NEXT_YEAR = {
  name: "Phong trào Sáng - Xanh - Sạch - Đẹp - An toàn - Văn minh năm 2024",
  planNumber: "12/KH-PGDĐT",
  planDate: "2024-04-08",
  issuer: "Phòng Giáo dục và Đào tạo quận Kiến An",
  parentPlan: "30/KH-SGDĐT ngày 01/04/2024 của Sở GD&ĐT Hải Phòng",
  deadline: "2024-12-05",
  levels: ["MN", "TH", "THCS"],
};

import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { apiError } from "~/utils/api.server";
import { authHandler } from "~/utils/auth.server";

/** better-auth's own endpoints (sign-in, sign-out, session, password reset) under /api/auth/*. */
async function handle(request: Request) {
  if (request.method === "POST" && (request.headers.get("content-type") ?? "").includes("application/json")) {
    const body = await request.clone().text();
    try {
      JSON.parse(body);
    } catch {
      return apiError(400, "invalid_json", "Request body is not valid JSON");
    }
  }
  return authHandler(request);
}

export const loader = ({ request }: LoaderFunctionArgs) => handle(request);
export const action = ({ request }: ActionFunctionArgs) => handle(request);

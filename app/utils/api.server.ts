import { z } from "zod";
import { AppError, apiErrorResponse, isAppError } from "./app-error";

/** The one error shape of the JSON API: {"error":{"code","message"}}, plus details some errors carry (e.g. "items"). */
export function apiError(status: number, code: string, message: string, headers?: HeadersInit, details?: Record<string, unknown>): Response {
  return apiErrorResponse(new AppError(status, code, message, { details }), headers);
}

/** The API's name for AppError, kept so existing routes read as before: it is the same class. */
export const ApiError = AppError;
export type ApiError = AppError;

export const MAX_JSON_BYTES = 256 * 1024;

/** Reads and validates a JSON body: 415 unless application/json, 413 when too large, 400 when not JSON, 422 when it fails the schema. */
export async function readJson<T extends z.ZodType>(request: Request, schema: T): Promise<z.infer<T>> {
  // Only JSON: a cross-site form or text/plain fetch cannot send this type without a preflight.
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "application/json") throw new ApiError(415, "unsupported_media_type", "Send the body as application/json");
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_JSON_BYTES) throw new ApiError(413, "payload_too_large", `Body exceeds ${MAX_JSON_BYTES} bytes`);
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_JSON_BYTES) throw new ApiError(413, "payload_too_large", `Body exceeds ${MAX_JSON_BYTES} bytes`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "Request body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join(".") : "body";
    throw new ApiError(422, "validation_failed", `${where}: ${issue.message}`);
  }
  return parsed.data;
}

/** Wraps an API loader/action so every thrown AppError (or Response) becomes a proper reply: the API's one mapping. */
export async function handleApi(fn: () => Promise<Response>): Promise<Response> {
  try {
    return await fn();
  } catch (error) {
    if (isAppError(error)) return apiErrorResponse(error);
    if (error instanceof Response) return error;
    throw error;
  }
}

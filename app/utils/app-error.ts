/**
 * The one error model (docs/security.md, ADR 018): a refusal with an HTTP status, a stable
 * machine code, an English message for API clients, and a message key the pages translate.
 * Thrown anywhere on the server; mapped once for the JSON API (`apiErrorResponse`) and once for
 * pages (`pageErrorResponse`); the socket maps the same status to a close code (sec-collab).
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageKey: string;
  readonly details?: Record<string, unknown>;

  constructor(status: number, code: string, message: string, options: { messageKey?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = "AppError";
    this.status = status;
    this.code = code;
    this.messageKey = options.messageKey ?? defaultKey(status);
    this.details = options.details;
  }
}

function defaultKey(status: number): string {
  if (status === 403 || status === 401) return "errors.forbidden";
  if (status === 404) return "errors.notFound";
  return "errors.generic";
}

/** The Remix build and the server load their own copies of this module: check by shape, not instanceof. */
export function isAppError(error: unknown): error is AppError {
  return error instanceof Error && error.name === "AppError" && typeof (error as AppError).status === "number" && typeof (error as AppError).code === "string";
}

export const unauthenticated = (message = "Sign in first (POST /api/auth/sign-in/email)") => new AppError(401, "unauthenticated", message);
export const forbidden = (message = "Not allowed") => new AppError(403, "forbidden", message);
export const notFound = (message = "Not found") => new AppError(404, "not_found", message);

/** JSON API: {"error":{"code","message", …details}} with the error's status. */
export function apiErrorResponse(error: AppError, headers?: HeadersInit): Response {
  return Response.json({ error: { code: error.code, message: error.message, ...error.details } }, { status: error.status, headers });
}

/** Pages: a thrown Response the error boundary renders by status, with the message key to show. */
export function pageErrorResponse(error: AppError): Response {
  return Response.json({ code: error.code, messageKey: error.messageKey }, { status: error.status, statusText: error.code });
}

import crypto from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Env } from "../app/utils/env.server";

// The HTTP edge (docs/security.md, ADR 016): response headers on everything, and one
// cross-site rule in front of every state-changing request, pages and JSON API alike.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export type CrossSiteVerdict = { ok: true } | { ok: false; status: 403 | 415; code: string; message: string };

export interface RequestFacts {
  method: string;
  path: string;
  /** Sec-Fetch-Site, sent by every current browser and impossible for a page to forge. */
  site?: string;
  origin?: string;
  /** The host the client addressed (Host, or X-Forwarded-Host from a trusted proxy). */
  host?: string;
  protocol: string;
  contentType?: string;
  hasBody: boolean;
}

/**
 * Same origin, or no browser at all:
 * 1. Sec-Fetch-Site, when present, decides: "same-origin" (or "none": typed by the user) passes;
 *    "same-site" (another port or subdomain of this host) and "cross-site" do not.
 * 2. Otherwise Origin, when present, must be this server's own origin (or BASE_URL's).
 * 3. Neither header: not a browser (curl, scripts, the tests) — no ambient cookies to abuse.
 * Then the JSON API takes bodies only as application/json (multipart for file uploads): a form
 * or `text/plain` fetch cannot produce that type without a CORS preflight, which we never grant.
 */
export function crossSiteVerdict(r: RequestFacts, baseOrigin: string): CrossSiteVerdict {
  if (SAFE_METHODS.has(r.method)) return { ok: true };
  const refuse = { ok: false, status: 403, code: "cross_site_request", message: "Refused: this request did not come from this site" } as const;
  if (r.site) {
    if (r.site !== "same-origin" && r.site !== "none") return refuse;
  } else if (r.origin !== undefined) {
    const own = r.host ? `${r.protocol}://${r.host}` : null;
    if (r.origin !== own && r.origin !== baseOrigin) return refuse;
  }
  if (r.path.startsWith("/api/") && r.hasBody) {
    const type = (r.contentType ?? "").split(";")[0].trim().toLowerCase();
    if (type !== "application/json" && type !== "multipart/form-data") {
      return { ok: false, status: 415, code: "unsupported_media_type", message: "Send the body as application/json" };
    }
  }
  return { ok: true };
}

const REFUSED_PAGE = `<!doctype html><html lang="vi"><meta charset="utf-8"><title>403</title>
<body style="font-family:system-ui;max-width:36rem;margin:4rem auto;padding:0 1rem">
<h1>Yêu cầu bị từ chối</h1><p>Yêu cầu này không đến từ chính trang Campaign Board. Hãy mở lại trang và thử lại.</p>
<p lang="en">Refused: this request did not come from this site. Open the page again and retry.</p></body></html>`;

export function crossSiteGuard(env: Env) {
  const baseOrigin = new URL(env.BASE_URL).origin;
  const trustProxy = env.TRUST_PROXY !== "false";
  return (req: Request, res: Response, next: NextFunction) => {
    // Without a trusted proxy, X-Forwarded-Host is the client's word: drop it so that Remix's own
    // origin check (which prefers it) and ours both compare against Host.
    if (!trustProxy) delete req.headers["x-forwarded-host"];
    const forwardedHost = trustProxy ? req.get("x-forwarded-host")?.split(",")[0]?.trim() : undefined;
    const verdict = crossSiteVerdict(
      {
        method: req.method,
        path: req.path,
        site: req.get("sec-fetch-site"),
        origin: req.get("origin"),
        host: forwardedHost || req.get("host"),
        protocol: req.protocol,
        contentType: req.get("content-type"),
        hasBody: Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined,
      },
      baseOrigin,
    );
    if (verdict.ok) {
      // Accepted as same-origin: let Remix's own origin check (Origin's host against
      // X-Forwarded-Host or Host) agree, even when a proxy rewrote Host. Otherwise it throws: a 500.
      const origin = req.get("origin");
      const originHost = origin && URL.canParse(origin) ? new URL(origin).host : "";
      if (originHost) req.headers["x-forwarded-host"] = originHost;
      return next();
    }
    res.setHeader("Connection", "close");
    const wantsJson = req.path.startsWith("/api/") || req.path.endsWith(".data") || (req.get("accept") ?? "").includes("application/json");
    if (wantsJson) res.status(verdict.status).json({ error: { code: verdict.code, message: verdict.message } });
    else res.status(verdict.status).type("html").send(REFUSED_PAGE);
  };
}

/** Builds the Content-Security-Policy for one response. */
export function contentSecurityPolicy(nonce: string, host: string | undefined, https: boolean): string {
  const socket = host ? ` ${https ? "wss" : "ws"}://${host}` : "";
  return [
    "default-src 'self'",
    // Remix's inline scripts (hydration data, module loader, scroll restoration) carry the nonce.
    `script-src 'self' 'nonce-${nonce}'`,
    // React renders style="" attributes (recharts positions, progress bars); styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    // Evidence photos are previewed from blob: URLs before upload.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${socket}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

declare module "express-serve-static-core" {
  interface Locals {
    cspNonce?: string;
  }
}

/** Security headers on every response; a fresh CSP nonce per request (res.locals.cspNonce). */
export function securityHeaders(env: Env) {
  const https = new URL(env.BASE_URL).protocol === "https:";
  // Vite's dev server injects inline scripts of its own: no CSP in development.
  const csp = env.NODE_ENV !== "development";
  return (req: Request, res: Response, next: NextFunction) => {
    const nonce = crypto.randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    if (csp) res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, req.get("host"), https || req.protocol === "https"));
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    // The camera only for this origin (evidence photos); nothing else a school board needs.
    res.setHeader("Permissions-Policy", "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (https) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

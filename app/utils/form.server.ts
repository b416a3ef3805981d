import { AppError, pageErrorResponse } from "./app-error";

/**
 * A page action's form body. A POST without a form body (no or another content type, a broken
 * multipart) is the client's mistake: 400 on the error page, never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw pageErrorResponse(new AppError(400, "invalid_form", "Send the form as application/x-www-form-urlencoded or multipart/form-data"));
  }
}

/** The body grew past the limit while being read (or said so in Content-Length). */
export class BodyTooLargeError extends Error {}

/**
 * A multipart body, read up to `maxBytes` and parsed by the platform's own FormData parser, which
 * follows RFC 7578 quoting: a file named "Biên bản; đợt 1.pdf" or "a=b.pdf" is a file name, not a
 * broken body (Remix's unstable_parseMultipartFormData splits such names and fails). Throws
 * BodyTooLargeError past the limit, and AppError 400 "invalid_multipart" on a body that is not one.
 */
export async function readMultipartForm(request: Request, maxBytes: number): Promise<FormData> {
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw new BodyTooLargeError();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop reading, but do not cancel: cancelling destroys the socket before the 413 is sent.
      reader.releaseLock();
      throw new BodyTooLargeError();
    }
    chunks.push(value);
  }
  try {
    return await new Response(Buffer.concat(chunks), { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError(400, "invalid_multipart", "The multipart body cannot be read");
  }
}

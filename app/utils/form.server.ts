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

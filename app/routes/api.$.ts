import { apiError } from "~/utils/api.server";

/** Any /api path that no route claims: the JSON error shape, never the HTML 404 page. */
export const loader = () => apiError(404, "not_found", "No such API endpoint");
export const action = () => apiError(404, "not_found", "No such API endpoint");

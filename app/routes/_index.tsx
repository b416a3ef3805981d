import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { homeFor } from "~/domain/permissions";
import { requireUser } from "~/utils/permissions.server";

/** Sends each role where it works. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (homeFor(user) === "school" && user.school) throw redirect(`/schools/${user.school.slug}`);
  throw redirect("/district");
}

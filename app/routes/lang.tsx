import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { LOCALES } from "~/i18n/i18n";
import { localeCookie } from "~/utils/locale.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { readFormData } from "~/utils/form.server";

const schema = z.object({
  locale: z.enum(LOCALES),
  redirectTo: z.string().optional().transform((v) => safeRedirect(v)),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await readFormData(request)));
  if (!parsed.success) throw new Response("Unknown language", { status: 400 });
  return redirect(parsed.data.redirectTo, { headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) } });
}

export async function loader() {
  return redirect("/");
}

import type { RunView } from "~/models/invitation.server";

/** What a people/team form post answers: a flash message key, or field errors (i18n keys) with the values sent. */
export type PeopleActionData = { ok?: string; error?: string; errors?: Record<string, string>; values?: Record<string, string>; run?: RunView };

// The Vietnamese messages only some pages show. Each such page's route module registers its own
// when it loads (before the page hydrates, or before a client-side navigation renders it):
//   registerMessages(adminPages);
// so the board does not download the administration's words. On the server they are all there
// already (messages.vi.ts), and an English page loads every English message (entry.client.tsx).
// tests/integration/page-messages.test.ts checks that every page registers what it uses.
export { default as accountPages } from "./vi/pages/account.json";
export { default as adminPages } from "./vi/pages/admin.json";
export { default as campaignsPages } from "./vi/pages/campaigns.json";
export { default as overviewPages } from "./vi/pages/overview.json";

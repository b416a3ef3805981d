// The Vietnamese messages only some pages show. Each such page's route module registers its own
// when it loads (before the page hydrates, or before a client-side navigation renders it):
//   registerMessages(adminPages);
// so the board does not download the administration's words. On the server they are all there
// already (messages.vi.ts), and an English page loads every English message (entry.client.tsx).
// tests/integration/page-messages.test.ts checks that every page registers what it uses.
export { default as accountPages } from "./vi/pages/account.json";
export { default as adminPages } from "./vi/pages/admin.json";
export { default as campaignsPages } from "./vi/pages/campaigns.json";
// A card's dialog and the board's activity feed: registered by their lazily loaded modules.
export { default as cardPages } from "./vi/pages/card.json";
// Drag and drop's announcements: registered by its lazily loaded module (board-dnd.tsx).
export { default as dndPages } from "./vi/pages/dnd.json";
export { default as overviewPages } from "./vi/pages/overview.json";
export { default as reportPages } from "./vi/pages/report.json";

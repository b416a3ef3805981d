// What the browser build gets instead of the English messages (package.json "imports", the
// "browser" condition): a Vietnamese page downloads no English. An English page loads them
// before hydrating (entry.client.tsx).
export const messages = undefined;

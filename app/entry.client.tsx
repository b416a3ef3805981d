import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { registerEnglish } from "~/i18n/i18n";
import { registerServiceWorker } from "~/utils/offline.client";

// A Vietnamese page carries only Vietnamese messages; an English one loads its messages first, so
// the first render in the browser says what the server rendered.
const messages = document.documentElement.lang === "en" ? import("~/i18n/messages.en").then((m) => registerEnglish(m.messages)) : Promise.resolve();

void messages.then(() =>
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  }),
);

registerServiceWorker();

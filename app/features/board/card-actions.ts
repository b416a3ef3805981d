import type * as Y from "yjs";
import {
  addCard,
  addChecklistItem,
  assignCard,
  DomainError,
  deleteCard,
  editCard,
  editChecklistItem,
  moveCard,
  purgeCard,
  removeChecklistItem,
  restoreCard,
  setChecklistItemDone,
  typeCardText,
  typeItemText,
  type CardTextField,
  type Category,
  type CardPatch,
  type Status,
} from "~/domain";

// Every edit the board UI can make, as domain mutations on the shared Y.Doc
// (never hand-written map writes). A refused edit never throws into React:
// it is reported by its DomainError code so the UI can explain it.

export type CardActions = {
  add(status: Status, title: string, category: Category): string | null;
  edit(cardId: string, patch: CardPatch): boolean;
  move(cardId: string, status: Status, index?: number): boolean;
  assign(cardId: string, userIds: readonly string[]): boolean;
  /** Live typing (see live-text.ts): the text now stored, or null when refused (a blank title is the field's to explain). */
  type(cardId: string, field: CardTextField, base: string, next: string): string | null;
  typeItem(cardId: string, itemId: string, base: string, next: string): string | null;
  /** To the recycle bin; restore takes it back out, purge removes it for good. */
  remove(cardId: string): boolean;
  restore(cardId: string): boolean;
  purge(cardId: string): boolean;
  tick(cardId: string, itemId: string, done: boolean): boolean;
  addItem(cardId: string, text: string): boolean;
  editItem(cardId: string, itemId: string, text: string): boolean;
  removeItem(cardId: string, itemId: string): boolean;
};

export type ActionContext = {
  userId: string;
  /** Runs the mutation on the live document; false when there is none yet (or it is read-only). */
  mutate: (fn: (doc: Y.Doc) => void) => boolean;
  onRefused: (error: DomainError | { code: "notReady"; message: string }) => void;
  now?: () => Date;
};

export function createCardActions({ userId, mutate, onRefused, now = () => new Date() }: ActionContext): CardActions {
  const run = (fn: (doc: Y.Doc) => void, quiet: (e: DomainError) => boolean = () => false): boolean => {
    try {
      if (mutate(fn)) return true;
      onRefused({ code: "notReady", message: "the board is not ready" });
      return false;
    } catch (error) {
      if (error instanceof DomainError) {
        if (!quiet(error)) onRefused(error);
        return false;
      }
      throw error;
    }
  };
  const typing = (fn: (doc: Y.Doc) => string): string | null => {
    let stored: string | null = null;
    const ok = run(
      (doc) => {
        stored = fn(doc);
      },
      (e) => e.code === "invalid_input",
    );
    return ok ? stored : null;
  };
  return {
    add(status, title, category) {
      let id: string | null = null;
      return run((doc) => {
        id = addCard(doc, { title, category, status, createdBy: userId });
      })
        ? id
        : null;
    },
    edit: (cardId, patch) => run((doc) => editCard(doc, cardId, patch)),
    move: (cardId, status, index) => run((doc) => moveCard(doc, cardId, status, index)),
    assign: (cardId, userIds) => run((doc) => assignCard(doc, cardId, userIds)),
    // Any school member may delete a school card; the domain refuses district requirements.
    type: (cardId, field, base, next) => typing((doc) => typeCardText(doc, cardId, field, base, next)),
    typeItem: (cardId, itemId, base, next) => typing((doc) => typeItemText(doc, cardId, itemId, base, next)),
    remove: (cardId) => run((doc) => deleteCard(doc, cardId)),
    restore: (cardId) => run((doc) => restoreCard(doc, cardId)),
    purge: (cardId) => run((doc) => purgeCard(doc, cardId)),
    tick: (cardId, itemId, done) => run((doc) => setChecklistItemDone(doc, cardId, itemId, done, { userId, at: now() })),
    addItem: (cardId, text) => run((doc) => void addChecklistItem(doc, cardId, text)),
    editItem: (cardId, itemId, text) => run((doc) => editChecklistItem(doc, cardId, itemId, text)),
    removeItem: (cardId, itemId) => run((doc) => removeChecklistItem(doc, cardId, itemId)),
  };
}

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
  removeChecklistItem,
  setChecklistItemDone,
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
  remove(cardId: string): boolean;
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
  const run = (fn: (doc: Y.Doc) => void): boolean => {
    try {
      if (mutate(fn)) return true;
      onRefused({ code: "notReady", message: "the board is not ready" });
      return false;
    } catch (error) {
      if (error instanceof DomainError) {
        onRefused(error);
        return false;
      }
      throw error;
    }
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
    remove: (cardId) => run((doc) => deleteCard(doc, cardId)),
    tick: (cardId, itemId, done) => run((doc) => setChecklistItemDone(doc, cardId, itemId, done, { userId, at: now() })),
    addItem: (cardId, text) => run((doc) => void addChecklistItem(doc, cardId, text)),
    editItem: (cardId, itemId, text) => run((doc) => editChecklistItem(doc, cardId, itemId, text)),
    removeItem: (cardId, itemId) => run((doc) => removeChecklistItem(doc, cardId, itemId)),
  };
}

// The board document model: pure and isomorphic, no I/O. docs/board-model.md
// describes the Y.Doc shape for other clients.
export * from "./vocabulary";
export { DomainError, isDomainError, type DomainErrorCode } from "./errors";
export { newId } from "./ids";
export {
  boardSchema,
  cardSchema,
  checklistItemSchema,
  templateCardSchema,
  describeZodError,
  LIMITS,
  SCHEMA_VERSION,
  type Board,
  type Card,
  type ChecklistItem,
  type TemplateCard,
} from "./schema";
export { initBoardDoc, isInitialised } from "./board-doc";
export { decodeBoard, foreignRoots, readBoard, type ReadBoardResult } from "./decode-board";
export { addCard, assignCard, deleteCard, editCard, moveCard, type AddCardInput, type CardPatch } from "./card-mutations";
export {
  addChecklistItem,
  editChecklistItem,
  moveChecklistItem,
  removeChecklistItem,
  setChecklistItemDone,
} from "./checklist-mutations";
export { cardsByColumn, liveItems } from "./ordering";
export { comparePositioned, sortByPosition } from "./order-keys";
export { boardProgress, cardProgress, daysLeft, isOverdue, todayInHcm, type Progress } from "./progress";
export { hcmMidnight, isCalendarDate } from "./dates";
export { newlyTickedItems, validateTransition, type TransitionCode, type TransitionOptions, type TransitionResult } from "./validate-change";
export { PLAN_2023, PLAN_2023_OBLIGATIONS, PLAN_2023_TEMPLATE, type PlanObligation } from "./plan-2023";

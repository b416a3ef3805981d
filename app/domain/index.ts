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
export { redecodeCards, touchedCards } from "./touched-cards";
export {
  addCard,
  assignCard,
  deleteCard,
  editCard,
  moveCard,
  purgeCard,
  restoreCard,
  typeCardText,
  type AddCardInput,
  type CardPatch,
  type CardTextField,
} from "./card-mutations";
export {
  addChecklistItem,
  editChecklistItem,
  moveChecklistItem,
  removeChecklistItem,
  setChecklistItemDone,
  typeItemText,
} from "./checklist-mutations";
export { diffSpan, mapIndex } from "./text-typing";
export { cardsByColumn, liveItems } from "./ordering";
export { comparePositioned, sortByPosition } from "./order-keys";
export { boardProgress, cardProgress, daysLeft, doneHint, isCardDone, isOverdue, todayInHcm, type DoneHint, type Progress } from "./progress";
export { byUrgency, CAMPAIGN_CLOSED, CAMPAIGN_STATUSES, isCampaignStatus, isFrozen, measuredOn, mostUrgent, TRANSITIONS, VISIBLE_TO_SCHOOLS, type CampaignStatus, type Transition } from "./campaign";
export { hcmMidnight, isCalendarDate } from "./dates";
export { boardSchemaProblems, newlyTickedItems, validateTransition, type TransitionCode, type TransitionOptions, type TransitionResult } from "./validate-change";
export { PLAN_2023, PLAN_2023_OBLIGATIONS, PLAN_2023_TEMPLATE, type PlanObligation } from "./plan-2023";
export { ticksNeedingEvidence, tickedItemsNeedingEvidence } from "./evidence";

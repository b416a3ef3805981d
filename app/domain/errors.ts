export type DomainErrorCode =
  | "not_initialised"
  | "invalid_input"
  | "card_not_found"
  | "item_not_found"
  | "card_archived"
  | "item_archived"
  | "template_card"
  | "template_item"
  | "not_creator";

/**
 * A refusal the caller can show to a user or map to an HTTP status by `code`;
 * anything else thrown from the domain is a bug.
 */
export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message?: string) {
    super(message ?? code);
    this.name = "DomainError";
    this.code = code;
  }
}

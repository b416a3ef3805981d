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

/**
 * `instanceof` is not enough on the server: the Remix build and the server each load their own
 * copy of this module, so an error thrown by one copy fails the other's `instanceof DomainError`.
 */
export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && error.name === "DomainError" && typeof (error as DomainError).code === "string";
}

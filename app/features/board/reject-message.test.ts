import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import { MESSAGE_UPDATE_REJECTED, readRejection, rejectionKey } from "./reject-message";

function message(payload: string) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_UPDATE_REJECTED);
  encoding.writeVarString(encoder, payload);
  const decoder = decoding.createDecoder(encoding.toUint8Array(encoder));
  expect(decoding.readVarUint(decoder)).toBe(100);
  return decoder;
}

describe("the 'update rejected' message (type 100)", () => {
  it("reads the server's code and message", () => {
    expect(readRejection(message(JSON.stringify({ code: "template_card_deleted", message: "card tpl-a is a district requirement" })))).toEqual({
      code: "template_card_deleted",
      message: "card tpl-a is a district requirement",
    });
  });

  it("still means 'refused' when the payload is garbled", () => {
    expect(readRejection(message("not json"))).toEqual({ code: "unknown", message: "" });
    expect(readRejection(message(JSON.stringify({ code: 5 })))).toEqual({ code: "unknown", message: "" });
    expect(readRejection(decoding.createDecoder(new Uint8Array([])))).toEqual({ code: "unknown", message: "" });
  });

  it("has a sentence for every code the server sends, and a fallback", () => {
    expect(rejectionKey("wrong_actor")).toBe("board.rejected.wrong_actor");
    expect(rejectionKey("something_new")).toBe("board.rejected.other");
  });
});

describe("refusal messages", () => {
  it("exist in both languages for every known code", async () => {
    const { resources } = await import("~/i18n/i18n");
    const { REJECTION_CODES } = await import("./reject-message");
    for (const lang of [resources.vi.translation, resources.en.translation]) {
      const rejected = (lang as unknown as { board: { rejected: Record<string, string> } }).board.rejected;
      for (const code of [...REJECTION_CODES, "other", "toast"]) expect(rejected[code], code).toBeTruthy();
    }
  });
});

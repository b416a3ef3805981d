import { describe, expect, it } from "vitest";
import { findMentions } from "./mentions";

const people = [
  { id: "a", name: "Lê Văn An", email: "an@x.vn" },
  { id: "b", name: "Lê Văn", email: "van@x.vn" },
  { id: "c", name: "Nguyễn Thị Hoa", email: "hoa@x.vn" },
];

describe("findMentions", () => {
  it("finds full names, longest first, and emails", () => {
    expect(findMentions("@Lê Văn An xem giúp, cc @hoa@x.vn.", people).map((p) => p.id).sort()).toEqual(["a", "c"]);
    expect(findMentions("@Lê Văn, nhờ anh", people).map((p) => p.id)).toEqual(["b"]);
  });
  it("is case-insensitive and needs a boundary after the name", () => {
    expect(findMentions("@nguyễn thị hoa!", people).map((p) => p.id)).toEqual(["c"]);
    expect(findMentions("@Nguyễn Thị Hoai", people)).toEqual([]);
    expect(findMentions("Nguyễn Thị Hoa không có @", people)).toEqual([]);
  });
});

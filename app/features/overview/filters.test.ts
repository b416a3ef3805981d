import { describe, expect, it } from "vitest";
import { overviewSearch, parseOverviewQuery } from "./filters";

const parse = (q: string) => parseOverviewQuery(new URLSearchParams(q));

describe("parseOverviewQuery", () => {
  it("reads every filter, the sort and the campaign", () => {
    expect(parse("campaignId=c1&level=TH&ward=bac-son&category=illegal_ads&criterion=an_toan&status=behind&sort=overdue&dir=desc")).toEqual({
      query: {
        campaignId: "c1",
        filters: { level: "TH", ward: "bac-son", category: "illegal_ads", criterion: "an_toan", status: "behind" },
        sort: "overdue",
        dir: "desc",
        page: { limit: 500, offset: 0 },
      },
      problems: [],
    });
  });

  it("reads the API's page (limit 0–1000, offset ≥ 0) and names a bad one", () => {
    expect(parse("limit=50&offset=100").query.page).toEqual({ limit: 50, offset: 100 });
    expect(parse("limit=0").query.page).toEqual({ limit: 0, offset: 0 });
    for (const bad of ["limit=1001", "limit=-1", "limit=2.5", "offset=-3", "offset=x"]) {
      expect(parse(bad).problems.map((p) => [p.param, p.kind]), bad).toEqual([[bad.split("=")[0], "invalid"]]);
    }
  });

  it("treats an empty value as no filter (a form's “all”)", () => {
    expect(parse("level=&ward=").query.filters).toEqual({});
  });

  it("names each bad parameter and keeps the good ones", () => {
    const { query, problems } = parse("level=XX&ward=bac-son&foo=1&status=done&status=behind");
    expect(query.filters).toEqual({ ward: "bac-son", status: "done" });
    expect(problems.map((p) => [p.param, p.kind])).toEqual([
      ["level", "invalid"],
      ["foo", "unknown"],
      ["status", "repeated"],
    ]);
    expect(problems[0]!.message).toBe('"level" must be one of MN, TH, THCS; got "XX"');
  });

  it("refuses a campaign id with characters ids never have", () => {
    expect(parse("campaignId=a'b").problems[0]?.param).toBe("campaignId");
  });
});

describe("overviewSearch", () => {
  it("writes only what differs from the defaults, and round-trips", () => {
    expect(overviewSearch({ filters: {}, sort: "ward", dir: "asc" })).toBe("");
    const search = overviewSearch({ campaignId: "c1", filters: { criterion: "xanh", level: "MN" }, sort: "progress", dir: "desc" });
    expect(search).toBe("?campaignId=c1&level=MN&criterion=xanh&sort=progress&dir=desc");
    expect(parse(search.slice(1)).query).toEqual({ campaignId: "c1", filters: { level: "MN", criterion: "xanh" }, sort: "progress", dir: "desc", page: { limit: 500, offset: 0 } });
  });
});

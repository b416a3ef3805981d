import { describe, expect, it } from "vitest";
import { PERMISSIONS, assignableRoles, boardAccess, can, canAssign, canManagePerson, homeFor, type Actor, type Permission, type Resource } from "./permissions";

const D = "district-1";
const A = "school-a";
const B = "school-b";

const actors: Record<string, Actor> = {
  district_admin: { userId: "u1", role: "district_admin", districtId: D, schoolId: null },
  observer: { userId: "u2", role: "observer", districtId: D, schoolId: null },
  principal: { userId: "u3", role: "principal", districtId: D, schoolId: A },
  teacher: { userId: "u4", role: "teacher", districtId: D, schoolId: A },
};

const resources: Record<string, Resource> = {
  district: { type: "district", districtId: D },
  ownSchool: { type: "school", districtId: D, schoolId: A },
  otherSchool: { type: "school", districtId: D, schoolId: B },
  ownBoard: { type: "board", districtId: D, schoolId: A },
  otherBoard: { type: "board", districtId: D, schoolId: B },
  campaign: { type: "campaign", districtId: D },
  otherDistrictBoard: { type: "board", districtId: "district-2", schoolId: A },
};

const ADMIN: Permission[] = ["view:board", "view:district", "view:overview", "view:school-overview", "manage:campaign", "manage:schools", "manage:people", "manage:team", "review:report", "view:audit", "comment:board", "remind:schools", "manage:webhooks"];
const OBSERVER: Permission[] = ["view:board", "view:district", "view:overview", "view:school-overview"];
const PRINCIPAL: Permission[] = ["view:board", "edit:board", "view:school-overview", "manage:team", "submit:report", "manage:evidence", "comment:board"];
const TEACHER: Permission[] = ["view:board", "edit:board", "comment:board"];

// What each kind of resource can be asked about (a permission asked of another kind is refused).
const ON_DISTRICT: Permission[] = ["view:district", "view:overview", "manage:campaign", "manage:schools", "manage:people", "view:audit", "remind:schools", "manage:webhooks"];
const ON_SCHOOL: Permission[] = ["view:school-overview", "manage:team"];
const ON_BOARD: Permission[] = ["view:board", "edit:board", "submit:report", "review:report", "manage:evidence", "comment:board"];
const ON_CAMPAIGN: Permission[] = ["manage:campaign"];
const on = (role: Permission[], kind: Permission[]) => role.filter((p) => kind.includes(p));

// The whole matrix, written out: role → resource → what is granted there. Anything else is refused.
const expected: Record<string, Record<string, Permission[]>> = {
  district_admin: {
    district: on(ADMIN, ON_DISTRICT),
    ownSchool: on(ADMIN, ON_SCHOOL),
    otherSchool: on(ADMIN, ON_SCHOOL),
    ownBoard: on(ADMIN, ON_BOARD),
    otherBoard: on(ADMIN, ON_BOARD),
    campaign: on(ADMIN, ON_CAMPAIGN),
    otherDistrictBoard: [],
  },
  observer: {
    district: on(OBSERVER, ON_DISTRICT),
    ownSchool: on(OBSERVER, ON_SCHOOL),
    otherSchool: on(OBSERVER, ON_SCHOOL),
    ownBoard: on(OBSERVER, ON_BOARD),
    otherBoard: on(OBSERVER, ON_BOARD),
    campaign: [],
    otherDistrictBoard: [],
  },
  principal: { district: [], ownSchool: on(PRINCIPAL, ON_SCHOOL), otherSchool: [], ownBoard: on(PRINCIPAL, ON_BOARD), otherBoard: [], campaign: [], otherDistrictBoard: [] },
  teacher: { district: [], ownSchool: [], otherSchool: [], ownBoard: TEACHER, otherBoard: [], campaign: [], otherDistrictBoard: [] },
};

describe("can checks the resource's type", () => {
  it("refuses a permission asked of the wrong kind of resource, whoever asks", () => {
    expect(can(actors.teacher, "edit:board", resources.ownSchool)).toBe(false);
    expect(can(actors.district_admin, "manage:people", resources.ownBoard)).toBe(false);
    expect(can(actors.principal, "manage:team", resources.ownBoard)).toBe(false);
    expect(can(actors.principal, "manage:team", resources.ownSchool)).toBe(true);
  });
});

describe("permissions: every role against every resource", () => {
  for (const [role, actor] of Object.entries(actors)) {
    for (const [name, resource] of Object.entries(resources)) {
      it(`${role} on ${name}`, () => {
        const granted = PERMISSIONS.filter((p) => can(actor, p, resource));
        expect([...granted].sort()).toEqual([...expected[role][name]].sort());
      });
    }
  }
  it("the observer can change nothing anywhere", () => {
    const writes = PERMISSIONS.filter((p) => !p.startsWith("view:"));
    for (const resource of Object.values(resources)) {
      for (const p of writes) expect(can(actors.observer, p, resource)).toBe(false);
    }
  });
});

describe("board access for the collaboration server", () => {
  const own = { districtId: D, schoolId: A };
  const other = { districtId: D, schoolId: B };
  it("school staff write their own board and no other", () => {
    expect(boardAccess(actors.teacher, own)).toBe("write");
    expect(boardAccess(actors.principal, own)).toBe("write");
    expect(boardAccess(actors.teacher, other)).toBe("none");
    expect(boardAccess(actors.principal, other)).toBe("none");
  });
  it("the district office and the observer connect read-only", () => {
    expect(boardAccess(actors.district_admin, other)).toBe("read");
    expect(boardAccess(actors.observer, own)).toBe("read");
  });
  it("nobody reaches another district's boards", () => {
    for (const actor of Object.values(actors)) expect(boardAccess(actor, { districtId: "district-2", schoolId: A })).toBe("none");
  });
  it("sends each role home", () => {
    expect(homeFor(actors.teacher)).toBe("school");
    expect(homeFor(actors.principal)).toBe("school");
    expect(homeFor(actors.district_admin)).toBe("district");
    expect(homeFor(actors.observer)).toBe("district");
  });
});

describe("who may place and manage people", () => {
  const teacherAtA = { districtId: D, role: "teacher" as const, schoolId: A };
  const teacherAtB = { districtId: D, role: "teacher" as const, schoolId: B };
  const principalAtA = { districtId: D, role: "principal" as const, schoolId: A };
  const districtAdmin = { districtId: D, role: "district_admin" as const, schoolId: null };
  const observer = { districtId: D, role: "observer" as const, schoolId: null };
  const elsewhere = { districtId: "district-2", role: "teacher" as const, schoolId: A };

  it("the district office places anyone anywhere in its district, and nowhere else", () => {
    for (const place of [teacherAtA, teacherAtB, principalAtA, districtAdmin, observer]) expect(canAssign(actors.district_admin, place)).toBe(true);
    expect(canAssign(actors.district_admin, elsewhere)).toBe(false);
  });
  it("a principal adds teachers to their own school only", () => {
    expect(assignableRoles(actors.principal)).toEqual(["teacher"]);
    expect(canAssign(actors.principal, teacherAtA)).toBe(true);
    expect(canAssign(actors.principal, teacherAtB)).toBe(false);
    expect(canAssign(actors.principal, principalAtA)).toBe(false);
    expect(canAssign(actors.principal, districtAdmin)).toBe(false);
    expect(canAssign(actors.principal, observer)).toBe(false);
  });
  it("teachers and the observer place nobody", () => {
    for (const actor of [actors.teacher, actors.observer]) {
      expect(assignableRoles(actor)).toEqual([]);
      for (const place of [teacherAtA, teacherAtB, principalAtA, districtAdmin, observer]) expect(canAssign(actor, place)).toBe(false);
    }
  });
  it("a principal removes their own teachers, not their peers, not themselves", () => {
    expect(canManagePerson(actors.principal, { ...teacherAtA, userId: "t1" })).toBe(true);
    expect(canManagePerson(actors.principal, { ...teacherAtB, userId: "t2" })).toBe(false);
    expect(canManagePerson(actors.principal, { ...principalAtA, userId: "p2" })).toBe(false);
    expect(canManagePerson(actors.principal, { ...principalAtA, userId: actors.principal.userId })).toBe(false);
  });
  it("the district office manages everyone but itself", () => {
    expect(canManagePerson(actors.district_admin, { ...principalAtA, userId: "p1" })).toBe(true);
    expect(canManagePerson(actors.district_admin, { ...districtAdmin, userId: "a2" })).toBe(true);
    expect(canManagePerson(actors.district_admin, { ...districtAdmin, userId: actors.district_admin.userId })).toBe(false);
  });
});

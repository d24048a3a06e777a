/** Policy simulation (SPEC §3, issue 12 item 4): the effect of a draft on every person, with reasons, admins apart. */
import { describe, expect, it } from "vitest";
import {
  type SimulationDeps,
  POPULATION_PAGE,
  simulatePolicyChange,
} from "../../../../src/domain/admin/simulate-policy.js";
import type { MethodId } from "../../../../src/domain/methods.js";
import type { PopulationMember } from "../../../../src/domain/policies/simulation/population.js";
import {
  lossRequiresConfirmation,
  type SimulationReport,
} from "../../../../src/domain/policies/simulation/simulation-report.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../../../src/domain/policies/sspr-policy.js";
import { adminActor, memoryPopulation, NOW, person, policyStoreOf } from "./simulation-fixtures.js";

const ALL: MethodId[] = [
  "passkey",
  "totp",
  "sms",
  "voice_mobile",
  "voice_office",
  "email",
  "questions",
  "recovery_code",
];
const LIVE: SsprPolicy = { ...DEFAULT_POLICY, scope: "all" };
const GA = adminActor(["global_admin"]);

function depsFor(people: readonly PopulationMember[], live: SsprPolicy = LIVE) {
  const population = memoryPopulation(people);
  const deps: SimulationDeps = {
    policy: policyStoreOf(live),
    clock: { now: () => NOW },
    availableMethods: ALL,
    gateMethods: ALL,
    population,
  };
  return { deps, population };
}

async function simulate(
  people: readonly PopulationMember[],
  draft: SsprPolicy,
  page?: { offset: number; limit: number },
): Promise<SimulationReport> {
  const result = await simulatePolicyChange(depsFor(people).deps, GA, { draft, ...(page ? { page } : {}) });
  if (!result.ok) throw new Error(`simulation refused: ${result.reason}`);
  return result.value;
}

describe("simulatePolicyChange", () => {
  const people = [
    person("ana", { groups: ["finance"], methods: ["email"] }),
    person("budi", { groups: ["sales"], methods: ["email", "sms"] }),
    person("citra", { groups: ["sales"], methods: ["email"] }),
    person("dewi", { groups: ["finance", "sales"], methods: ["email", "totp"] }),
    person("eko", { groups: ["sales"], roles: ["helpdesk_admin"], methods: ["email", "passkey"] }),
  ];

  it("narrowing the scope to one group strands the others and lists each with SND-106", async () => {
    const report = await simulate(people, { ...LIVE, scope: "selected", scopeGroups: ["finance"] });
    expect(report.live.users).toMatchObject({ people: 4, inScope: 4, capable: 4, unableToReset: 0 });
    expect(report.draft.users).toMatchObject({ people: 4, inScope: 2, capable: 2, unableToReset: 2 });
    expect(report.difference.users).toMatchObject({ inScope: -2, capable: -2, unableToReset: 2 });
    expect(report.loss).toEqual({ users: 2, admins: 1 });
    const stranded = report.affected.rows.filter((row) => row.changes.includes("loses_reset"));
    expect(stranded.map((row) => [row.userId, row.liveReason, row.draftReason, row.privileged])).toEqual([
      ["eko@contoh.example", null, "SND-106", true],
      ["budi@contoh.example", null, "SND-106", false],
      ["citra@contoh.example", null, "SND-106", false],
    ]);
    expect(stranded[0]?.changes).toEqual(["loses_reset", "leaves_scope"]);
    expect(lossRequiresConfirmation(report)).toBe(true);
    expect(report.changes.map((change) => change.field)).toEqual(["scope", "scopeGroups"]);
  });

  it("requiring two methods strands users with one, and counts admins apart (they need two already)", async () => {
    const report = await simulate(people, { ...LIVE, methodsToReset: 2 });
    expect(report.loss).toEqual({ users: 2, admins: 0 });
    expect(report.affected.rows.map((row) => [row.userId, row.draftReason])).toEqual([
      ["ana@contoh.example", "SND-107"],
      ["citra@contoh.example", "SND-107"],
    ]);
    expect(report.live.admins).toMatchObject({ people: 1, capable: 1 });
    expect(report.draft.admins).toMatchObject({ people: 1, capable: 1 });
  });

  it("turning admin SSPR off strands only the admins (SND-108)", async () => {
    const report = await simulate(people, { ...LIVE, admins: { ssprAllowed: false } });
    expect(report.loss).toEqual({ users: 0, admins: 1 });
    expect(report.affected.rows.map((row) => [row.userId, row.draftReason])).toEqual([
      ["eko@contoh.example", "SND-108"],
    ]);
  });

  it("counts who would newly see the registration interrupt when more methods must be registered", async () => {
    const report = await simulate(people, { ...LIVE, methodsToRegister: 3 });
    // Everyone had 2 kinds at most: all four users and the admin now fall short of Registered.
    expect(report.newlyInterrupted).toEqual({ users: 2, admins: 1 });
    expect(report.live.users.interrupted).toBe(2);
    expect(report.draft.users.interrupted).toBe(4);
    expect(lossRequiresConfirmation(report)).toBe(false);
  });

  it("an unchanged draft affects nobody and needs no confirmation", async () => {
    const report = await simulate(people, LIVE);
    expect(report.affected.total).toBe(0);
    expect(report.changes).toEqual([]);
    expect(lossRequiresConfirmation(report)).toBe(false);
  });

  it("pages the affected list and reads the population in pages, never one person at a time", async () => {
    const many = Array.from({ length: POPULATION_PAGE + 7 }, (_, index) =>
      person(`u${String(index).padStart(5, "0")}`, { methods: ["email"] }),
    );
    const { deps, population } = depsFor(many);
    const result = await simulatePolicyChange(deps, GA, {
      draft: { ...LIVE, scope: "none" },
      page: { offset: 10, limit: 5 },
    });
    if (!result.ok) throw new Error("refused");
    expect(population.reads).toBe(2);
    expect(result.value.affected.total).toBe(POPULATION_PAGE + 7);
    expect(result.value.affected.rows.map((row) => row.userId)).toEqual(
      [10, 11, 12, 13, 14].map((index) => `u${String(index).padStart(5, "0")}@contoh.example`),
    );
    expect(result.value.affected.rows[0]?.draftReason).toBe("SND-104");
  });

  it("a reports reader or a helpdesk admin cannot simulate a policy change", async () => {
    for (const roles of [["reports_reader"], ["helpdesk_admin"], ["user_admin"]] as const) {
      const result = await simulatePolicyChange(depsFor(people).deps, adminActor([...roles]), { draft: LIVE });
      expect(result).toEqual({ ok: false, reason: "forbidden" });
    }
  });

  it("refuses a draft that could not be saved, with the rules it breaks", async () => {
    const result = await simulatePolicyChange(depsFor(people).deps, GA, {
      draft: { ...LIVE, scope: "selected", scopeGroups: [] },
    });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== "invalid") throw new Error("expected invalid");
    expect(result.violations.map((violation) => violation.rule)).toContain("V1");
  });
});

/**
 * Counting a simulation: totals under the live policy and the draft (ordinary users and admins apart, SPEC §2), the
 * difference, and the people whose outcome changes, each with what changes and the reason codes of both policies.
 * Pure; fed one person at a time, so memory holds counts and the affected rows only.
 */
import type { ReasonCode } from "../../reasons.js";
import type { PolicyChange } from "../policy-seed.js";
import type { PopulationMember } from "./population.js";
import type { UserOutcome } from "./user-outcome.js";

export interface PolicyTotals {
  readonly people: number;
  readonly inScope: number;
  readonly registered: number;
  readonly capable: number;
  /** Would see the registration interrupt at their next sign-in. */
  readonly interrupted: number;
  /** A reset would not go through (any SPEC §6.3 check 4–9 fails). */
  readonly unableToReset: number;
}

/** Ordinary users and privileged users (admins), counted apart. */
export interface SplitTotals {
  readonly users: PolicyTotals;
  readonly admins: PolicyTotals;
}

/** What changes for one person, worst first. */
export const CHANGE_KINDS = [
  "loses_reset",
  "newly_interrupted",
  "leaves_scope",
  "loses_registered",
  "gains_reset",
  "enters_scope",
  "gains_registered",
  "no_longer_interrupted",
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface AffectedUser {
  readonly ref: string;
  readonly userId: string;
  readonly displayName: string;
  readonly privileged: boolean;
  readonly changes: readonly ChangeKind[];
  /** Why a reset fails under each policy (SPEC §13.2), or null where it goes through. */
  readonly liveReason: ReasonCode | null;
  readonly draftReason: ReasonCode | null;
}

export interface AffectedPage {
  /** How many people are affected in all. */
  readonly total: number;
  readonly offset: number;
  readonly limit: number;
  readonly rows: readonly AffectedUser[];
}

export interface SimulationReport {
  /** The settings the draft changes (old → new). */
  readonly changes: readonly PolicyChange[];
  readonly live: SplitTotals;
  readonly draft: SplitTotals;
  /** Draft minus live, field by field. */
  readonly difference: SplitTotals;
  /** People who can reset under the live policy and could not under the draft: the loss to confirm. */
  readonly loss: { readonly users: number; readonly admins: number };
  /** People who would newly see the registration interrupt. */
  readonly newlyInterrupted: { readonly users: number; readonly admins: number };
  readonly affected: AffectedPage;
  readonly ranAt: Date;
  /** The organisation's time zone (the live policy's), the time is shown in. */
  readonly timeZone: string;
}

type MutableTotals = { -readonly [K in keyof PolicyTotals]: number };

const zero = (): MutableTotals => ({
  people: 0,
  inScope: 0,
  registered: 0,
  capable: 0,
  interrupted: 0,
  unableToReset: 0,
});

function count(totals: MutableTotals, outcome: UserOutcome): void {
  totals.people += 1;
  if (outcome.inScope) totals.inScope += 1;
  if (outcome.registered) totals.registered += 1;
  if (outcome.capable) totals.capable += 1;
  if (outcome.interrupted) totals.interrupted += 1;
  if (outcome.resetReason !== null) totals.unableToReset += 1;
}

function minus(a: PolicyTotals, b: PolicyTotals): PolicyTotals {
  const keys = Object.keys(a) as (keyof PolicyTotals)[];
  return Object.fromEntries(keys.map((key) => [key, a[key] - b[key]])) as unknown as PolicyTotals;
}

/** Each change between two outcomes of one person, worst first. */
export function changesBetween(live: UserOutcome, draft: UserOutcome): ChangeKind[] {
  const found: Record<ChangeKind, boolean> = {
    loses_reset: live.resetReason === null && draft.resetReason !== null,
    newly_interrupted: !live.interrupted && draft.interrupted,
    leaves_scope: live.inScope && !draft.inScope,
    loses_registered: live.registered && !draft.registered,
    gains_reset: live.resetReason !== null && draft.resetReason === null,
    enters_scope: !live.inScope && draft.inScope,
    gains_registered: !live.registered && draft.registered,
    no_longer_interrupted: live.interrupted && !draft.interrupted,
  };
  return CHANGE_KINDS.filter((kind) => found[kind]);
}

const rank = (row: AffectedUser) => CHANGE_KINDS.indexOf(row.changes[0] ?? "no_longer_interrupted");

/**
 * Worst change first, then admins first, then by user ID: a page shows the stranded before the rest. User IDs are
 * normalised (lower case), so code-unit order is stable; `localeCompare` would cost seconds on 50,000 rows.
 */
function compareAffected(a: AffectedUser, b: AffectedUser): number {
  const byId = a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0;
  return rank(a) - rank(b) || Number(b.privileged) - Number(a.privileged) || byId;
}

/** An accumulator: `add` each person's two outcomes, then `report` one page of the affected. */
export function createSimulationTally() {
  const live = { users: zero(), admins: zero() };
  const draft = { users: zero(), admins: zero() };
  const affected: AffectedUser[] = [];
  return {
    add(member: PopulationMember, before: UserOutcome, after: UserOutcome): void {
      // A draft cannot make someone privileged: the roles are the person's, so both outcomes agree on it.
      const side = before.privileged ? "admins" : "users";
      count(live[side], before);
      count(draft[side], after);
      const changes = changesBetween(before, after);
      if (changes.length === 0 && before.resetReason === after.resetReason) return;
      const { user } = member;
      affected.push({
        ref: user.ref,
        userId: user.userId,
        displayName: user.displayName,
        privileged: before.privileged,
        changes,
        liveReason: before.resetReason,
        draftReason: after.resetReason,
      });
    },
    report(input: {
      changes: readonly PolicyChange[];
      page: { offset: number; limit: number };
      ranAt: Date;
      timeZone: string;
    }) {
      affected.sort(compareAffected);
      const lost = (side: "users" | "admins") =>
        affected.filter((row) => (side === "admins") === row.privileged && row.changes.includes("loses_reset")).length;
      const interrupted = (side: "users" | "admins") =>
        affected.filter((row) => (side === "admins") === row.privileged && row.changes.includes("newly_interrupted"))
          .length;
      const { offset, limit } = input.page;
      const report: SimulationReport = {
        changes: input.changes,
        live,
        draft,
        difference: { users: minus(draft.users, live.users), admins: minus(draft.admins, live.admins) },
        loss: { users: lost("users"), admins: lost("admins") },
        newlyInterrupted: { users: interrupted("users"), admins: interrupted("admins") },
        affected: { total: affected.length, offset, limit, rows: affected.slice(offset, offset + limit) },
        ranAt: input.ranAt,
        timeZone: input.timeZone,
      };
      return report;
    },
  };
}

/** SPEC §3: any loss (someone who could reset and no longer could) must be confirmed before the save. */
export function lossRequiresConfirmation(report: Pick<SimulationReport, "loss">): boolean {
  return report.loss.users + report.loss.admins > 0;
}

/**
 * Evaluation mode in a reset flow (issue 12 item 4): while a draft policy is evaluated, each flow records at identify
 * and at each re-check what the draft would have decided beside the live decision, and nothing the draft decides is
 * enforced. Threats: a draft that silently changes who may reset before it is adopted; an evaluation that keeps
 * recording after it was stopped.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CONSOLE_ACTOR } from "../../../src/domain/admin/admin-actor.js";
import { DEFAULT_POLICY } from "../../../src/domain/policies/sspr-policy.js";
import type { TestApp } from "../../support/build-test-app.js";
import { createPageClient } from "../../support/page-client.js";
import {
  latestCodeFor,
  requestEmailCode,
  submitCode,
  submitNewPassword,
  submitUserId,
} from "../../support/reset-journey.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";

const BUDI = { userId: "budi@contoh.example", verifiedEmail: "budi@mail.example", groups: ["finance"] };
const CITRA = { userId: "citra@contoh.example", verifiedEmail: "citra@mail.example", groups: ["sales"] };
const DRAFT = { ...DEFAULT_POLICY, scope: "selected" as const, scopeGroups: ["finance"] };

describe("evaluation mode in the reset flow", () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await buildResetTestApp({ users: [BUDI, CITRA] });
  });
  afterEach(async () => t.close());

  const admin = () => t.composed.services.adminActions;

  it("records the draft's decision beside the live one at identify and at each re-check, enforcing nothing", async () => {
    const started = await admin().startEvaluation(CONSOLE_ACTOR, { draft: DRAFT, days: 7 });
    expect(started.ok).toBe(true);

    // Citra is outside the draft's scope, yet the live policy still lets her reset: her code goes out.
    const citra = createPageClient(t.app, { ip: "10.9.0.1" });
    expect((await submitUserId(citra, CITRA.userId)).status).toBe(303);
    await requestEmailCode(citra, CITRA.verifiedEmail);
    expect(await latestCodeFor(t.composed, CITRA.verifiedEmail)).not.toBeNull();

    const budi = createPageClient(t.app, { ip: "10.9.0.2" });
    await submitUserId(budi, BUDI.userId);
    await requestEmailCode(budi, BUDI.verifiedEmail);
    await submitCode(budi, (await latestCodeFor(t.composed, BUDI.verifiedEmail)) ?? "");
    expect((await submitNewPassword(budi, "Kopi-Tubruk-Pagi-2026")).status).toBe(303);

    await submitUserId(createPageClient(t.app, { ip: "10.9.0.3" }), "nobody@contoh.example");

    const status = await admin().evaluationStatus(CONSOLE_ACTOR);
    if (!status.ok) throw new Error("refused");
    const identify = status.value.counts.filter((row) => row.step === "identify");
    expect(identify).toEqual(
      expect.arrayContaining([
        { step: "identify", liveReason: null, draftReason: null, decisions: 1, flows: 1 },
        { step: "identify", liveReason: null, draftReason: "SND-106", decisions: 1, flows: 1 },
        { step: "identify", liveReason: "SND-101", draftReason: "SND-101", decisions: 1, flows: 1 },
      ]),
    );
    expect(identify).toHaveLength(3);
    // Budi's flow checked again before the password (and after the code): the draft agrees with the live policy.
    const rechecks = status.value.counts.filter((row) => row.step === "recheck");
    expect(rechecks.every((row) => row.liveReason === null && row.draftReason === null)).toBe(true);
    expect(rechecks.reduce((sum, row) => sum + row.decisions, 0)).toBeGreaterThanOrEqual(1);
    expect(status.value.differing).toBe(1);
    expect(status.value.running).toBe(true);
  });

  it("after a stop, flows record nothing more; the stop and the start are audited", async () => {
    await admin().startEvaluation(CONSOLE_ACTOR, { draft: DRAFT, days: 1 });
    expect((await admin().stopEvaluation(CONSOLE_ACTOR)).ok).toBe(true);
    await submitUserId(createPageClient(t.app, { ip: "10.9.0.4" }), CITRA.userId);
    const status = await admin().evaluationStatus(CONSOLE_ACTOR);
    if (!status.ok) throw new Error("refused");
    expect(status.value.running).toBe(false);
    expect(status.value.decisions).toBe(0);
    const events = await t.composed.stores.auditReader.recent({ limit: 20 });
    expect(events.filter((e) => e.activity === "policy.evaluation").map((e) => e.reason)).toEqual([
      "evaluation_started",
      "evaluation_stopped",
    ]);
  });

  it("an evaluation ends by itself after its period", async () => {
    await admin().startEvaluation(CONSOLE_ACTOR, { draft: DRAFT, days: 1 });
    t.clock.advanceSeconds(24 * 3600 + 1);
    await submitUserId(createPageClient(t.app, { ip: "10.9.0.5" }), CITRA.userId);
    const status = await admin().evaluationStatus(CONSOLE_ACTOR);
    if (!status.ok) throw new Error("refused");
    expect(status.value.running).toBe(false);
    expect(status.value.evaluation?.endReason).toBe("expired");
    expect(status.value.decisions).toBe(0);
    // A new evaluation may start once the old one has ended.
    expect((await admin().startEvaluation(CONSOLE_ACTOR, { draft: DRAFT, days: 2 })).ok).toBe(true);
  });

  it("adopting a draft that strands someone needs the loss confirmed, then saves it as the policy", async () => {
    await admin().startEvaluation(CONSOLE_ACTOR, { draft: DRAFT, days: 7 });
    const unconfirmed = await admin().adoptEvaluation(CONSOLE_ACTOR, { confirmLoss: false });
    expect(unconfirmed.ok).toBe(false);
    if (unconfirmed.ok || unconfirmed.reason !== "loss_unconfirmed") throw new Error("expected a loss to confirm");
    expect(unconfirmed.report.loss.users).toBe(1);
    expect((await t.composed.stores.policy.current())?.policy.scope).toBe("all");
    const adopted = await admin().adoptEvaluation(CONSOLE_ACTOR, { confirmLoss: true });
    expect(adopted.ok).toBe(true);
    expect((await t.composed.stores.policy.current())?.policy.scopeGroups).toEqual(["finance"]);
    const status = await admin().evaluationStatus(CONSOLE_ACTOR);
    expect(status.ok && status.value.evaluation?.endReason).toBe("adopted");
  });

  it("a helpdesk admin cannot start, stop or adopt an evaluation", async () => {
    const helpdesk = {
      type: "admin" as const,
      ref: "h",
      userId: "hadi@contoh.example",
      roles: ["helpdesk_admin" as const],
      ip: "10.0.0.9",
      client: "test",
    };
    expect(await admin().startEvaluation(helpdesk, { draft: DRAFT, days: 7 })).toEqual({
      ok: false,
      reason: "forbidden",
    });
    expect(await admin().stopEvaluation(helpdesk)).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin().adoptEvaluation(helpdesk, { confirmLoss: true })).toEqual({ ok: false, reason: "forbidden" });
    expect(await admin().evaluationStatus(helpdesk)).toEqual({ ok: false, reason: "forbidden" });
  });
});

/**
 * Threat: an attacker fires requests in parallel so that, on PostgreSQL, each one counts before any sees the others'
 * hits, and all slip past SPEC §8's limits (PGlite, being serial, never showed it). Every counter is driven here by
 * parallel requests on a real PostgreSQL server, and each limit must hold exactly as it would one request at a time.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../support/build-test-app.js";
import { testDatabases } from "../support/test-databases.js";
import { type ApiClient, codeFromMailbox, createApiClient, tokenOf } from "../http/api/api-client.js";
import { REFUSED_TOKENS_PER_IP, refusedTokenKey } from "../../src/domain/admin/api-rate-limit.js";
import { CODE_RULES } from "../../src/domain/policies/attempt-policy.js";

const postgres = testDatabases().find((database) => database.name === "postgres");
const SHARED_MAILBOX = "shared@mail.example";

describe.skipIf(postgres === undefined)("counters under parallel requests on PostgreSQL", () => {
  let t: TestApp;
  let api: ApiClient;
  beforeEach(async () => {
    if (postgres === undefined) throw new Error("no PostgreSQL");
    t = await buildTestApp({ database: await postgres.open() });
    await t.seed.organisation();
    await t.seed.policy({ scope: "all" });
    api = createApiClient(t.app);
  });
  afterEach(async () => t.close());

  /** A flow at the contact step of the email gate. */
  async function flowAtContact(userId: string): Promise<string> {
    const token = tokenOf(await api.start(userId));
    await api.step("/method", token, { method: "email" });
    return token;
  }

  async function codesSentTo(recipient: string): Promise<number> {
    const rows = await t.db.selectFrom("outbox_message").select("id").where("recipient", "=", recipient).execute();
    return rows.length;
  }

  async function auditReasons(activity: string): Promise<string[]> {
    const rows = await t.db.selectFrom("audit_event").select("reason").where("activity", "=", activity).execute();
    return rows.map((row) => row.reason ?? "");
  }

  /** Pretends `count` earlier hits of `counter` for `key`, so a test starts just under a limit. */
  async function earlierHits(counter: string, key: string, count: number): Promise<void> {
    const at = t.clock.now();
    await t.db
      .insertInto("throttle_hit")
      .values(Array.from({ length: count }, () => ({ counter, key, at })))
      .execute();
  }

  it("R1: ten parallel contact posts for one mailbox send it at most five codes", async () => {
    const userIds = Array.from({ length: 10 }, (_, index) => `pegawai${String(index)}@contoh.example`);
    for (const userId of userIds) await t.seed.user({ userId, verifiedEmail: SHARED_MAILBOX });
    const tokens = await Promise.all(userIds.map(flowAtContact));
    const answers = await Promise.all(tokens.map((token) => api.step("/contact", token, { address: SHARED_MAILBOX })));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(await codesSentTo(SHARED_MAILBOX)).toBe(5);
    expect(await auditReasons("message.suppressed")).toEqual(Array(5).fill("SND-213:R1"));
  });

  it("I2: parallel contact posts from one IP send exactly the codes left in its hour", async () => {
    const userIds = Array.from({ length: 10 }, (_, index) => `staf${String(index)}@contoh.example`);
    for (const [index, userId] of userIds.entries())
      await t.seed.user({ userId, verifiedEmail: `staf${String(index)}@mail.example` });
    const tokens = await Promise.all(userIds.map(flowAtContact));
    await earlierHits("I2", "ip:127.0.0.1", 15);
    await Promise.all(
      tokens.map((token, index) => api.step("/contact", token, { address: `staf${String(index)}@mail.example` })),
    );
    const sent = await t.db.selectFrom("outbox_message").select("id").execute();
    expect(sent).toHaveLength(5);
    expect(await auditReasons("message.suppressed")).toEqual(Array(5).fill("SND-213:I2"));
  });

  it("A1: ten parallel contact posts for one account send four codes and block it once", async () => {
    await t.seed.user({ userId: "wayan@contoh.example", verifiedEmail: "wayan@mail.example" });
    const tokens = await Promise.all(Array.from({ length: 10 }, () => flowAtContact("wayan@contoh.example")));
    await Promise.all(tokens.map((token) => api.step("/contact", token, { address: "wayan@mail.example" })));
    // Serially: four typed addresses send, the fifth reaches A1's limit and blocks; the rest meet the block.
    expect(await codesSentTo("wayan@mail.example")).toBe(4);
    expect(await auditReasons("sspr.blocked")).toEqual(["blocked:SND-301"]);
  });

  it("A1: three parallel wrong codes in each of ten flows compare at most five and block the account", async () => {
    await t.seed.user({ userId: "dewi@contoh.example", verifiedEmail: "dewi@mail.example" });
    const tokens: string[] = [];
    for (let flow = 0; flow < 10; flow += 1) {
      const token = await flowAtContact("dewi@contoh.example");
      await api.step("/contact", token, { address: "dewi@mail.example" });
      tokens.push(token);
      // Setting the stage only: the typed addresses' provisional A1 failures and the sends (R1, A3) are forgotten,
      // so every flow reaches its code step unblocked and the guesses below start from a clean count.
      await t.db.deleteFrom("throttle_hit").where("counter", "in", ["A1", "A3", "R1"]).execute();
    }
    const guesses = tokens.flatMap((token) =>
      ["00000001", "00000002", "00000003"].map((code) => api.step("/code", token, { code })),
    );
    await Promise.all(guesses);
    const { compared } = await t.db
      .selectFrom("challenge")
      .select((eb) => eb.fn.sum<string>("attempts").as("compared"))
      .executeTakeFirstOrThrow();
    expect(Number(compared)).toBe(5);
    expect(await auditReasons("sspr.blocked")).toEqual(["blocked:SND-301"]);
    const fresh = await api.start("dewi@contoh.example");
    expect(fresh.body.flow?.state).toBe("blocked");
  });

  /** Passes of the email gate the audit recorded, and challenges consumed. */
  async function gatePasses(): Promise<{ passed: number; consumed: number }> {
    const passed = (await auditReasons("sspr.flow.progress")).filter((reason) => reason === "method_passed:email");
    const rows = await t.db.selectFrom("challenge").select("consumed_at").execute();
    return { passed: passed.length, consumed: rows.filter((row) => row.consumed_at !== null).length };
  }

  async function rightCodeInParallel(userId: string, times: number): Promise<void> {
    await t.seed.user({ userId, verifiedEmail: `${userId}.mail` });
    const token = await flowAtContact(userId);
    await api.step("/contact", token, { address: `${userId}.mail` });
    const code = await codeFromMailbox(t, `${userId}.mail`);
    await Promise.all(Array.from({ length: times }, () => api.step("/code", token, { code })));
  }

  // Three: as many as the code's tries (CODE_RULES.maxAttempts) allow and A1 leaves room for after the typed
  // address's provisional failure, so no guess is refused or blocks and the outcome does not hang on the order.
  it("a right code sent three times in parallel passes the gate exactly once: it is consumed with the flow's move", async () => {
    await rightCodeInParallel("rina@contoh.example", CODE_RULES.maxAttempts);
    expect(await gatePasses()).toEqual({ passed: 1, consumed: 1 });
    const flow = await t.db.selectFrom("reset_flow").select(["state", "methods_passed"]).executeTakeFirstOrThrow();
    expect(flow.methods_passed).toEqual(["email"]);
  });

  // Ten in flight take A1 past its limit before any is judged (ADR 0013: provisional failures count), so the account
  // may be blocked before the right one saves; what must never happen is a second pass.
  it("a right code sent ten times in parallel never passes the gate twice, and a flow it does not pass is blocked", async () => {
    await rightCodeInParallel("made@contoh.example", 10);
    const { passed, consumed } = await gatePasses();
    expect(passed).toBe(consumed);
    expect(passed).toBeLessThanOrEqual(1);
    const flow = await t.db.selectFrom("reset_flow").select(["state", "methods_passed"]).executeTakeFirstOrThrow();
    if (passed === 0) expect(flow.state).toBe("blocked");
    else expect(flow.methods_passed).toEqual(["email"]);
  });

  it("A3: parallel resends for one account stop at its ten-minute limit", async () => {
    const ref = await t.seed.user({ userId: "ketut@contoh.example", verifiedEmail: "ketut1@mail.example" });
    // Four registered addresses, so R1 (per mailbox) never binds before A3 (per account) does.
    for (const n of [2, 3, 4])
      await t.db
        .insertInto("verified_method")
        .values({
          id: `ketut-${String(n)}`,
          user_ref: ref,
          method: "email",
          value: `ketut${String(n)}@mail.example`,
          label: null,
          created_at: t.clock.now(),
        })
        .execute();
    const tokens = await Promise.all(Array.from({ length: 4 }, () => flowAtContact("ketut@contoh.example")));
    await Promise.all(
      tokens.map((token, index) => api.step("/contact", token, { address: `ketut${String(index + 1)}@mail.example` })),
    );
    for (let round = 1; round <= 2; round += 1) {
      t.clock.advanceSeconds(31);
      await Promise.all(tokens.map((token) => api.step("/resend", token)));
    }
    // Serially: nine codes go out; the tenth reaches A3's limit and blocks, and later resends meet the block.
    const sent = await t.db.selectFrom("outbox_message").select("id").execute();
    expect(sent).toHaveLength(9);
    expect(await auditReasons("sspr.blocked")).toEqual(["blocked:SND-303"]);
  });

  it("I1: parallel identify submissions from one IP admit exactly the hour's limit", async () => {
    await earlierHits("I1", "ip:127.0.0.1", 95);
    const starts = await Promise.all(Array.from({ length: 10 }, () => api.start("siapa@contoh.example")));
    expect(starts.filter((start) => start.status === 201)).toHaveLength(5);
    expect(starts.filter((start) => start.status === 429)).toHaveLength(5);
    expect(await auditReasons("sspr.throttled")).toEqual(["SND-305"]);
  });

  it("sign-in lockout: parallel wrong passwords on an ID without a lockout record are every one counted", async () => {
    await t.seed.user({ userId: "made@contoh.example", password: "Right-Password-2026" });
    const caller = { ip: "198.51.100.7", client: "test", lang: "en" as const };
    const attempts = Array.from({ length: 8 }, (_, index) =>
      t.composed.services.signIn.signIn({
        typedUserId: "made@contoh.example",
        password: `Wrong-Password-${String(index)}`,
        caller,
      }),
    );
    await Promise.all(attempts);
    const record = await t.db
      .selectFrom("signin_lockout")
      .select("failures")
      .where("key", "=", "made@contoh.example")
      .executeTakeFirst();
    expect(record?.failures).toBe(8);
  });

  it("I3: parallel failed sign-ins from one IP all count and turn the CAPTCHA on once", async () => {
    const caller = { ip: "198.51.100.9", client: "test", lang: "en" as const };
    await earlierHits("I3", "signin:ip:198.51.100.9", 45);
    const attempts = Array.from({ length: 10 }, (_, index) =>
      t.composed.services.signIn.signIn({
        typedUserId: `nobody${String(index)}@contoh.example`,
        password: "Wrong-Password",
        caller,
      }),
    );
    await Promise.all(attempts);
    const hits = await t.db.selectFrom("throttle_hit").select("id").where("counter", "=", "I3").execute();
    expect(hits).toHaveLength(55);
    expect(await t.composed.services.signIn.isCaptchaRequired(caller.ip)).toBe(true);
    expect(await auditReasons("signin.throttled")).toEqual(["I3"]);
  });

  it("T2: parallel unknown API tokens from one IP get 401 up to the limit, then 429, audited once past it", async () => {
    await earlierHits("T2", refusedTokenKey("127.0.0.1"), REFUSED_TOKENS_PER_IP.limit - 5);
    const guesses = Array.from({ length: 10 }, (_, index) =>
      t.app.inject({
        method: "GET",
        url: "/api/v1/admin/groups",
        headers: { authorization: `Bearer sandi_at_${String(index).padStart(43, "B")}` },
      }),
    );
    const answers = await Promise.all(guesses);
    expect(answers.filter((answer) => answer.statusCode === 401)).toHaveLength(5);
    expect(answers.filter((answer) => answer.statusCode === 429)).toHaveLength(5);
    expect((await auditReasons("token.used_denied")).sort()).toEqual([
      "rate_limited",
      ...Array<string>(5).fill("unknown"),
    ]);
  });
});

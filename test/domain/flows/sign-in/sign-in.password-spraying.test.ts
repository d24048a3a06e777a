/**
 * Threat: password spraying, one IP trying a password across many accounts under each account's lockout. I3 (SPEC
 * §8.2) counts the IP's failures; past 50 in 10 minutes no password is checked without a fresh CAPTCHA solution.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../../../src/domain/policies/sspr-policy.js";
import { createSignInWorld, type SignInWorld, testUser } from "./sign-in-fakes.js";

const PASSWORD = "Right-Password-1";
/** SPEC §8.2's default I3 count, the policy's `flood.signInFailuresPerIpPer10Minutes`. */
const I3_LIMIT = DEFAULT_POLICY.flood.signInFailuresPerIpPer10Minutes;
const caller = (ip: string) => ({ ip, client: "test", lang: "en" }) as const;

async function spray(world: SignInWorld, ip: string, count: number, userId = (index: number) => `u${index}@x.example`) {
  for (let index = 0; index < count; index++)
    await world.service.signIn({ typedUserId: userId(index), password: `Summer2026!${index}`, caller: caller(ip) });
}

describe("I3 in the sign-in service", () => {
  it("while I3 holds, no password is checked without a solution, for known and unknown IDs alike", async () => {
    const world = createSignInWorld();
    world.addUser(testUser("alice@x.example"), PASSWORD);
    await spray(world, "192.0.2.7", I3_LIMIT + 1);
    expect(await world.service.isCaptchaRequired("192.0.2.7")).toBe(true);
    world.verified.length = 0;
    const audited = world.audit.length;

    const known = await world.service.signIn({
      typedUserId: "alice@x.example",
      password: PASSWORD,
      caller: caller("192.0.2.7"),
    });
    const unknown = await world.service.signIn({
      typedUserId: "bob@x.example",
      password: PASSWORD,
      caller: caller("192.0.2.7"),
    });
    const forged = await world.service.signIn({
      typedUserId: "alice@x.example",
      password: PASSWORD,
      caller: caller("192.0.2.7"),
      captcha: "not-a-solution",
    });
    expect(known).toEqual({ ok: false, reason: "SND-111" });
    expect(unknown).toEqual(known);
    expect(forged).toEqual({ ok: false, reason: "SND-112" });
    expect(world.verified).toEqual([]);
    expect(world.audit).toHaveLength(audited);
    expect(world.lockouts.has("alice@x.example")).toBe(false);

    world.captchaSolutions.add("solved-once");
    const solved = {
      typedUserId: "alice@x.example",
      password: PASSWORD,
      caller: caller("192.0.2.7"),
      captcha: "solved-once",
    };
    expect((await world.service.signIn(solved)).ok).toBe(true);
    expect(await world.service.signIn(solved)).toEqual({ ok: false, reason: "SND-112" });
  });

  it("failures against a locked account count against the IP too", async () => {
    const world = createSignInWorld();
    world.addUser(testUser("alice@x.example"), PASSWORD);
    // Ten distinct wrong passwords lock alice; every attempt after that is answered without a password check.
    await spray(world, "192.0.2.8", I3_LIMIT + 1, () => "alice@x.example");
    expect(world.audit.filter((event) => event.reason === "SND-307" && event.activity === "signin.failed").length).toBe(
      I3_LIMIT + 1 - 10,
    );
    expect(await world.service.isCaptchaRequired("192.0.2.8")).toBe(true);
    expect(world.audit.filter((event) => event.activity === "signin.throttled")).toMatchObject([
      { reason: "I3", ip: "192.0.2.8", actor: { type: "anonymous" } },
    ]);
    expect(await world.service.isCaptchaRequired("192.0.2.9")).toBe(false);
  });

  // SPEC §8.2: the limits are settable. A sprayer must not get SPEC's 50 tries when the admin set fewer.
  it("counts against the policy's I3 limit, not SPEC's default", async () => {
    const policy = { ...DEFAULT_POLICY, flood: { ...DEFAULT_POLICY.flood, signInFailuresPerIpPer10Minutes: 12 } };
    const world = createSignInWorld({ policy });
    await spray(world, "192.0.2.10", 12);
    expect(await world.service.isCaptchaRequired("192.0.2.10")).toBe(false);
    await spray(world, "192.0.2.10", 1);
    expect(await world.service.isCaptchaRequired("192.0.2.10")).toBe(true);
  });
});

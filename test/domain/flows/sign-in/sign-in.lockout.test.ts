/**
 * Threat: an attacker guesses passwords online, or learns from the lockout which accounts exist.
 * Smart lockout (SPEC §8.3) must slow guessing without counting a user's own repeated typo, and must lock an
 * unknown user ID exactly as it locks a real one.
 */
import { describe, expect, it } from "vitest";
import type { SignInResult } from "../../../../src/domain/flows/sign-in/sign-in-service.js";
import { createSignInWorld, type SignInWorld, testUser } from "./sign-in-fakes.js";

const CALLER = { ip: "192.0.2.1", client: "test", lang: "en" } as const;

function attempt(world: SignInWorld, typedUserId: string, password: string): Promise<SignInResult> {
  return world.service.signIn({ typedUserId, password, caller: CALLER });
}

async function failTimes(world: SignInWorld, userId: string, times: number, prefix = "wrong"): Promise<SignInResult[]> {
  const results: SignInResult[] = [];
  for (let index = 0; index < times; index++) results.push(await attempt(world, userId, `${prefix}-${String(index)}`));
  return results;
}

function aliceWorld(): SignInWorld {
  const world = createSignInWorld();
  world.addUser(testUser("alice@example.com"), "Right-Password-1");
  return world;
}

describe("sign-in smart lockout", () => {
  it("the same wrong password repeated is not counted twice", async () => {
    const world = aliceWorld();
    for (let index = 0; index < 25; index++) await attempt(world, "alice@example.com", "Summer2026!");
    expect(world.lockouts.get("alice@example.com")?.failures).toBe(1);
    const result = await attempt(world, "alice@example.com", "Right-Password-1");
    expect(result.ok).toBe(true);
  });

  it("counts three distinct wrong passwords in turn once each, and a fourth pushes the oldest out", async () => {
    const world = aliceWorld();
    for (let round = 0; round < 3; round++)
      for (const password of ["a1", "b2", "c3"]) await attempt(world, "alice@example.com", password);
    expect(world.lockouts.get("alice@example.com")?.failures).toBe(3);
    await attempt(world, "alice@example.com", "d4");
    await attempt(world, "alice@example.com", "a1");
    expect(world.lockouts.get("alice@example.com")?.failures).toBe(5);
  });

  it("locks for 60 s at the 10th failure and checks no password while locked", async () => {
    const world = aliceWorld();
    const results = await failTimes(world, "alice@example.com", 10);
    expect(results.at(-1)).toEqual({ ok: false, reason: "signin_failed", lockedMinutes: 1 });
    const checksBefore = world.verified.length;
    const locked = await attempt(world, "alice@example.com", "Right-Password-1");
    expect(locked).toEqual({ ok: false, reason: "signin_failed", lockedMinutes: 1 });
    expect(world.verified.length).toBe(checksBefore);
    expect(world.audit.at(-1)).toMatchObject({ activity: "signin.failed", reason: "SND-307" });
    world.clock.advanceSeconds(60);
    expect((await attempt(world, "alice@example.com", "Right-Password-1")).ok).toBe(true);
  });

  it("a locked account and a wrong password get the same answer", async () => {
    const world = aliceWorld();
    await failTimes(world, "alice@example.com", 10);
    const rightWhileLocked = await attempt(world, "alice@example.com", "Right-Password-1");
    const wrongWhileLocked = await attempt(world, "alice@example.com", "another-wrong");
    const fresh = aliceWorld();
    const wrongUnlocked = await attempt(fresh, "alice@example.com", "wrong");
    expect(rightWhileLocked).toEqual(wrongWhileLocked);
    expect(rightWhileLocked).toEqual(wrongUnlocked);
  });

  it("doubles the lock on each further failure, keeping the counter when a lock ends", async () => {
    const world = aliceWorld();
    await failTimes(world, "alice@example.com", 10);
    world.clock.advanceSeconds(60);
    const eleventh = await attempt(world, "alice@example.com", "eleventh");
    expect(eleventh).toMatchObject({ lockedMinutes: 2 });
    world.clock.advanceSeconds(120);
    expect(await attempt(world, "alice@example.com", "twelfth")).toMatchObject({ lockedMinutes: 4 });
    expect(world.audit.filter((event) => event.activity === "signin.locked")).toHaveLength(3);
  });

  it("an unknown user ID is locked exactly like a known one", async () => {
    const world = aliceWorld();
    const known = await failTimes(world, "alice@example.com", 12);
    const unknown = await failTimes(world, "nobody@example.com", 12);
    expect(unknown).toEqual(known);
    expect(world.lockouts.get("nobody@example.com")).toMatchObject({ failures: 10, lockLevel: 1 });
    const dummyChecks = world.verified.filter((check) => check.kind === "dummy").length;
    expect(dummyChecks).toBe(10);
  });

  it("counts the normalised typed ID, whatever its case and spacing", async () => {
    const world = aliceWorld();
    await failTimes(world, "  ALICE@Example.com ", 10);
    expect(await attempt(world, "alice@example.com", "Right-Password-1")).toMatchObject({ ok: false });
  });

  it("forgets the failures after 24 h without one, and a success resets the counter and its HMACs", async () => {
    const world = aliceWorld();
    await failTimes(world, "alice@example.com", 9);
    world.clock.advanceSeconds(24 * 3600);
    await failTimes(world, "alice@example.com", 9, "again");
    expect(world.lockouts.get("alice@example.com")?.failures).toBe(9);
    expect((await attempt(world, "alice@example.com", "Right-Password-1")).ok).toBe(true);
    expect(world.lockouts.has("alice@example.com")).toBe(false);
  });

  it("hard-locks the account at 100 consecutive failures until an admin unlocks it", async () => {
    const world = aliceWorld();
    for (let index = 0; index < 100; index++) {
      await attempt(world, "alice@example.com", `guess-${String(index)}`);
      world.clock.advanceSeconds(3600);
    }
    expect(world.users.get("alice@example.com")?.adminLocked).toBe(true);
    expect(
      world.audit.filter((event) => event.reason === "SND-411" && event.activity === "signin.locked"),
    ).toHaveLength(1);
    world.lockouts.clear();
    expect(await attempt(world, "alice@example.com", "Right-Password-1")).toMatchObject({
      ok: false,
      reason: "signin_failed",
    });
  });

  it("counts a burst of parallel guesses before any password is compared", async () => {
    const world = aliceWorld();
    await Promise.all(
      Array.from({ length: 30 }, (_, index) => attempt(world, "alice@example.com", `burst-${String(index)}`)),
    );
    expect(world.verified.length).toBeLessThanOrEqual(10);
  });
});

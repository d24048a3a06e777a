/** The sign-in service's outcomes: success, what each kind of account sees, what the audit log records. */
import { describe, expect, it } from "vitest";
import { createSignInWorld, type SignInWorld, testUser } from "./sign-in-fakes.js";

const CALLER = { ip: "192.0.2.1", client: "test", lang: "id" } as const;
const PASSWORD = "Right-Password-1";

function worldWith(overrides: Parameters<typeof testUser>[1] = {}): SignInWorld {
  const world = createSignInWorld();
  world.addUser(testUser("alice@example.com", overrides), PASSWORD);
  return world;
}

const signIn = (world: SignInWorld, password: string, typedUserId = "alice@example.com") =>
  world.service.signIn({ typedUserId, password, caller: CALLER });

describe("sign-in service", () => {
  it("signs in with the right password, audits it and remembers the language", async () => {
    const world = worldWith();
    const result = await signIn(world, PASSWORD, " Alice@Example.COM ");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.user.userId).toBe("alice@example.com");
    expect(result.value.sessionToken).toMatch(/^[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{27}$/);
    expect(world.audit.at(-1)).toMatchObject({ activity: "signin.succeeded", result: "success", ip: "192.0.2.1" });
    expect(world.users.get("alice@example.com")?.preferredLanguage).toBe("id");
  });

  it("answers a malformed user ID with SND-113 and counts nothing", async () => {
    const world = worldWith();
    expect(await signIn(world, PASSWORD, "not an id")).toEqual({ ok: false, reason: "SND-113" });
    expect(world.lockouts.size).toBe(0);
  });

  it("gives a wrong password the shared failure with a first lock's minutes", async () => {
    const world = worldWith();
    expect(await signIn(world, "nope")).toEqual({ ok: false, reason: "signin_failed", lockedMinutes: 1 });
    expect(world.audit.at(-1)).toMatchObject({ activity: "signin.failed", reason: "password_wrong" });
  });

  it("does not reveal a disabled or admin-locked account, even with the right password", async () => {
    for (const [overrides, reason] of [
      [{ enabled: false }, "SND-103"],
      [{ adminLocked: true }, "SND-411"],
    ] as const) {
      const world = worldWith(overrides);
      const right = await signIn(world, PASSWORD);
      const unknown = await signIn(world, PASSWORD, "nobody@example.com");
      expect(right).toEqual(unknown);
      expect(world.verified.map((check) => check.kind)).toEqual(["dummy", "dummy"]);
      expect(world.audit[0]).toMatchObject({ activity: "signin.failed", reason });
      expect(world.audit[1]).toMatchObject({ activity: "signin.failed", reason: "SND-101" });
    }
  });

  it("tells a held account SND-306 only after the right password", async () => {
    const world = worldWith({ securityHold: true });
    expect(await signIn(world, "wrong")).toMatchObject({ ok: false, reason: "signin_failed" });
    expect(await signIn(world, PASSWORD)).toEqual({ ok: false, reason: "SND-306" });
    expect(world.sessions.size).toBe(0);
    expect(world.audit.at(-1)).toMatchObject({ activity: "signin.failed", reason: "SND-306" });
  });

  it("never writes a password, its HMAC or a session token into the audit log", async () => {
    const world = worldWith();
    for (let index = 0; index < 11; index++) await signIn(world, `Secret-Guess-${String(index)}`);
    world.clock.advanceSeconds(3600);
    const result = await signIn(world, PASSWORD);
    if (!result.ok) throw new Error("expected a session");
    await world.service.signOut(result.value.sessionToken, CALLER);
    const logged = JSON.stringify(world.audit);
    expect(logged).not.toMatch(/Secret-Guess|Right-Password/);
    const [id = "", secret = ""] = result.value.sessionToken.split(".");
    expect(logged).not.toContain(id);
    expect(logged).not.toContain(secret);
    const hmacs = [...world.lockouts.values()].flatMap((lockout) => lockout.recentWrong);
    for (const hmac of hmacs) expect(logged).not.toContain(hmac);
  });
});

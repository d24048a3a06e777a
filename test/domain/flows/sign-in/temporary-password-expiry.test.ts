/**
 * SPEC §10: an admin's temporary password that was never used stops signing in after 72 h (SND-308, shown only after
 * the right password); a sign-in within 72 h uses it up, so it no longer expires.
 */
import { describe, expect, it } from "vitest";
import { createSignInWorld, testUser } from "./sign-in-fakes.js";

const CALLER = { ip: "192.0.2.1", client: "test", lang: "en" } as const;
const TEMPORARY = "Temp-Password-72h";

function worldWithTemporaryPassword() {
  const world = createSignInWorld();
  world.addUser(
    testUser("alice@example.com", { temporaryPasswordAt: world.clock.now(), mustChangePassword: true }),
    TEMPORARY,
  );
  return world;
}

const signIn = (world: ReturnType<typeof createSignInWorld>, password: string) =>
  world.service.signIn({ typedUserId: "alice@example.com", password, caller: CALLER });

describe("temporary password expiry", () => {
  it("a temporary password unused for more than 72 hours cannot sign in, and says why only after the right password", async () => {
    const world = worldWithTemporaryPassword();
    world.clock.advanceSeconds(72 * 3600 + 1);
    expect(await signIn(world, "wrong")).toMatchObject({ ok: false, reason: "signin_failed" });
    expect(await signIn(world, TEMPORARY)).toEqual({ ok: false, reason: "SND-308" });
    expect(world.sessions.size).toBe(0);
    expect(world.audit.at(-1)).toMatchObject({ activity: "signin.failed", reason: "SND-308" });
    // The password was proven: the failure counter is cleared, as for a hold.
    expect(world.lockouts.size).toBe(0);
  });

  it("within 72 hours it signs in, and once used it no longer expires", async () => {
    const world = worldWithTemporaryPassword();
    world.clock.advanceSeconds(71 * 3600);
    expect((await signIn(world, TEMPORARY)).ok).toBe(true);
    expect(world.users.get("alice@example.com")?.temporaryPasswordAt).toBeNull();
    world.clock.advanceSeconds(10 * 24 * 3600);
    expect((await signIn(world, TEMPORARY)).ok).toBe(true);
  });
});

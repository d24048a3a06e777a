/**
 * Threat: a session left open on a shared computer, or a stolen session cookie, stays usable indefinitely.
 * Sessions end after 30 min idle or 8 h in total, sign-out ends them on the server, and only the exact secret works.
 */
import { describe, expect, it } from "vitest";
import { createSignInWorld, type SignInWorld, testUser } from "./sign-in-fakes.js";

const CALLER = { ip: "192.0.2.1", client: "test", lang: "en" } as const;

async function signedIn(): Promise<{ world: SignInWorld; token: string }> {
  const world = createSignInWorld();
  world.addUser(testUser("alice@example.com"), "Right-Password-1");
  const result = await world.service.signIn({
    typedUserId: "alice@example.com",
    password: "Right-Password-1",
    caller: CALLER,
  });
  if (!result.ok) throw new Error("sign-in failed");
  return { world, token: result.value.sessionToken };
}

describe("sessions", () => {
  it("stores only the secret's hash, records a password sign-in and expires after 8 h", async () => {
    const { world, token } = await signedIn();
    const [session] = [...world.sessions.values()];
    expect(session?.signedInWith).toBe("password");
    expect(session?.expiresAt.getTime()).toBe(world.clock.now().getTime() + 8 * 3600 * 1000);
    expect(JSON.stringify(session)).not.toContain(token.split(".")[1]);
  });

  it("an idle session expires after 30 minutes", async () => {
    const { world, token } = await signedIn();
    world.clock.advanceSeconds(29 * 60 + 59);
    expect(await world.service.sessionUser(token)).not.toBeNull();
    world.clock.advanceSeconds(30 * 60);
    expect(await world.service.sessionUser(token)).toBeNull();
  });

  it("an active session still ends 8 h after sign-in", async () => {
    const { world, token } = await signedIn();
    for (let minutes = 0; minutes < 8 * 60 - 20; minutes += 20) {
      world.clock.advanceSeconds(20 * 60);
      expect(await world.service.sessionUser(token)).not.toBeNull();
    }
    world.clock.advanceSeconds(20 * 60);
    expect(await world.service.sessionUser(token)).toBeNull();
  });

  it("writes the last-seen time at most once a minute", async () => {
    const { world, token } = await signedIn();
    const id = token.split(".")[0] ?? "";
    const signedInAt = world.clock.now();
    world.clock.advanceSeconds(30);
    await world.service.sessionUser(token);
    expect(world.sessions.get(id)?.lastSeenAt).toEqual(signedInAt);
    world.clock.advanceSeconds(31);
    const live = await world.service.sessionUser(token);
    expect(world.sessions.get(id)?.lastSeenAt).toEqual(world.clock.now());
    expect(live?.session.lastSeenAt).toEqual(world.clock.now());
  });

  it("sign-out ends the session on the server", async () => {
    const { world, token } = await signedIn();
    await world.service.signOut(token, CALLER);
    expect(await world.service.sessionUser(token)).toBeNull();
    expect(world.audit.at(-1)).toMatchObject({
      activity: "signout",
      result: "success",
      target: { userId: "alice@example.com" },
    });
  });

  it("refuses a token with the right id and a wrong secret, and ignores it at sign-out", async () => {
    const { world, token } = await signedIn();
    const [id, secret = ""] = token.split(".");
    const forged = `${id ?? ""}.${secret.startsWith("A") ? "B" : "A"}${secret.slice(1)}`;
    expect(await world.service.sessionUser(forged)).toBeNull();
    await world.service.signOut(forged, CALLER);
    expect(await world.service.sessionUser(token)).not.toBeNull();
    expect(await world.service.sessionUser("not-a-token")).toBeNull();
    expect(await world.service.sessionUser(undefined)).toBeNull();
  });

  it("ends the session of an account that is disabled, locked or put on hold meanwhile", async () => {
    for (const change of [{ enabled: false }, { adminLocked: true }, { securityHold: true }]) {
      const { world, token } = await signedIn();
      const user = world.users.get("alice@example.com");
      if (user) world.users.set(user.userId, { ...user, ...change });
      expect(await world.service.sessionUser(token)).toBeNull();
    }
  });
});

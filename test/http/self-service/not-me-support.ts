/** A small world for the "This wasn't me" tests: a user with sessions and a flow, admins of each kind, and links. */
import { randomBytes } from "node:crypto";
import { issueNotMeUrl } from "../../../src/domain/not-me/not-me-links.js";
import type { NotMeEvent } from "../../../src/domain/not-me/not-me-ports.js";
import type { Session } from "../../../src/domain/ports.js";
import { sampleFlow, unique } from "../../contracts/store-fixtures.js";
import type { TestApp } from "../../support/build-test-app.js";

export const OWNER = {
  userId: "sari@contoh.example",
  verifiedEmail: "sari@mail.example",
  password: "Kopi-Tubruk-Pagi-77",
  firstName: "Sari",
};

export interface NotMeWorld {
  readonly ownerRef: string;
  readonly globalRef: string;
  readonly helpdeskRef: string;
  readonly passwordAdminRef: string;
  readonly sessionIds: { readonly password: string; readonly passkey: string };
  readonly flowId: string;
}

function session(userRef: string, kind: Session["signedInWith"], now: Date): Session {
  return {
    id: unique("s"),
    secretHash: new Uint8Array(randomBytes(32)),
    userRef,
    signedInWith: kind,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 8 * 3600_000),
    ip: "192.0.2.1",
    client: "Firefox 140 on Linux",
  };
}

/** The owner (with a password session, a passkey session and an open reset flow) and a GA, an HA and a PA. */
export async function seedNotMeWorld(t: TestApp): Promise<NotMeWorld> {
  await t.seed.organisation();
  await t.seed.policy({ scope: "all", "helpdesk.target": "https://help.contoh.example/" });
  const ownerRef = await t.seed.user(OWNER);
  const globalRef = await t.seed.user({
    userId: "ayu@contoh.example",
    verifiedEmail: "ayu@mail.example",
    roles: ["global_admin"],
  });
  const helpdeskRef = await t.seed.user({
    userId: "eko@contoh.example",
    verifiedEmail: "eko@mail.example",
    roles: ["helpdesk_admin"],
  });
  const passwordAdminRef = await t.seed.user({
    userId: "dewi@contoh.example",
    verifiedEmail: "dewi@mail.example",
    roles: ["password_admin"],
  });
  await t.composed.stores.accounts.setPreferredLanguage(helpdeskRef, "id");
  const now = t.clock.now();
  const password = session(ownerRef, "password", now);
  const passkey = session(ownerRef, "passkey", now);
  await t.composed.stores.sessions.create(password);
  await t.composed.stores.sessions.create(passkey);
  const flow = sampleFlow({
    userRef: ownerRef,
    typedUserId: OWNER.userId,
    state: "gate_select",
    issuedAt: now,
    expiresAt: new Date(now.getTime() + 15 * 60_000),
  });
  await t.composed.stores.flows.create(flow);
  return {
    ownerRef,
    globalRef,
    helpdeskRef,
    passwordAdminRef,
    sessionIds: { password: password.id, passkey: passkey.id },
    flowId: flow.id,
  };
}

/** A link for `userRef` as a notice would carry it; returns its path (`/not-me/<token>`) and token. */
export async function issueLink(
  t: TestApp,
  userRef: string,
  about: NotMeEvent = "password_reset",
): Promise<{ path: string; token: string }> {
  const now = t.clock.now();
  const url = await t.composed.stores.unitOfWork.inTransaction((stores) =>
    issueNotMeUrl(stores, { userRef, about, aboutAt: now, now, signInUrl: t.config.publicUrl, lang: "en" }),
  );
  return pathOf(url);
}

/** The path and token of a "This wasn't me" URL. */
export function pathOf(url: string): { path: string; token: string } {
  const match = /\/not-me\/([A-Za-z0-9_-]{43})/.exec(url);
  if (match?.[1] === undefined) throw new Error(`no not-me link in ${url}`);
  return { path: `/not-me/${match[1]}`, token: match[1] };
}

/** What a link's owner and the admins see of its effects, for before/after comparisons. */
export async function effectsOf(t: TestApp, world: NotMeWorld) {
  const now = t.clock.now();
  const account = await t.composed.stores.accounts.findByRef(world.ownerRef);
  const live = await t.composed.stores.sessions.listLive(world.ownerRef, now);
  const flow = await t.composed.stores.flows.findById(world.flowId);
  const holds = await t.db
    .selectFrom("audit_event")
    .select("id")
    .where("activity", "=", "account.security_hold")
    .execute();
  const alerts = await t.db
    .selectFrom("outbox_message")
    .select(["recipient", "lang"])
    .where("template", "=", "not-me-alert")
    .orderBy("recipient")
    .execute();
  return {
    held: account?.securityHold ?? false,
    liveSessions: live.map((s) => s.id).sort(),
    flowState: flow?.state ?? null,
    holdEvents: holds.length,
    alerts,
  };
}

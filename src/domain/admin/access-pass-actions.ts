/**
 * "Temporary access pass" (SPEC §18, GA, UA, HA): a one-time code, valid 10 min–8 h (1 h unless the admin chose
 * otherwise), that signs the user in once to register methods and choose a password. It is handed back once to
 * whoever asked and stored only as an Argon2id hash; never emailed, logged or audited. A new pass replaces an open one.
 */
import { secondsAfter } from "../../lib/time.js";
import { uuidv7 } from "../../lib/uuidv7.js";
import { fail, type Outcome, succeed } from "../../lib/outcome.js";
import {
  ACCESS_PASS_MINUTES,
  generateAccessPassCode,
  isAccessPassLifetime,
  normaliseAccessPassCode,
} from "../access-pass/access-pass-code.js";
import { noticeRecipients } from "../email-address.js";
import type { TransactionStores } from "../ports.js";
import { eventsFor, noticeSettings } from "./access-actions.js";
import type { AdminActor } from "./admin-actor.js";
import { type AdminDeps, type AdminRefusal, targetFor } from "./admin-deps.js";
import type { AdminUserView } from "./admin-ports.js";

export interface AccessPassIssued {
  readonly user: AdminUserView;
  /** Shown once to whoever asked; never stored, logged, audited or emailed. */
  readonly code: string;
  readonly expiresAt: Date;
  /** An open pass was replaced by this one. */
  readonly replaced: boolean;
}

/**
 * SPEC §18 "notified": the user's registered and directory addresses hear that a pass was issued (never the pass),
 * so someone who talked the helpdesk into one for another person's account is noticed.
 */
async function queueNotice(
  stores: TransactionStores,
  input: { user: AdminUserView; settings: Awaited<ReturnType<typeof noticeSettings>>; now: Date; expiresAt: Date },
): Promise<void> {
  const { user, settings, now, expiresAt } = input;
  const methods = await stores.methods.listForUser(user.ref);
  const emails = methods.filter((method) => method.method === "email").map((method) => method.value);
  const data = {
    orgName: settings.organisation.name,
    userId: user.userId,
    issuedAt: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    helpdesk: settings.organisation.helpdesk ?? "",
  };
  const lang = user.preferredLanguage ?? settings.caller.lang;
  const drafts = noticeRecipients(user, emails).map((recipient) => ({
    channel: "email" as const,
    template: "access-pass-issued" as const,
    recipient,
    lang,
    data,
    notAfter: expiresAt,
    userRef: user.ref,
    flowId: null,
  }));
  await stores.outbox.enqueue(drafts, now);
}

export async function issueAccessPass(
  deps: AdminDeps,
  actor: AdminActor,
  userId: string,
  options: { minutes?: number } = {},
): Promise<Outcome<AccessPassIssued, AdminRefusal | "lifetime">> {
  const minutes = options.minutes ?? ACCESS_PASS_MINUTES.default;
  if (!isAccessPassLifetime(minutes)) return fail("lifetime");
  const found = await targetFor(deps, actor, "access_pass.issue", userId);
  if (!found.ok) return found;
  const user = found.value;
  const code = generateAccessPassCode(deps.random);
  // Hashed before the transaction: Argon2 work never holds one open.
  const passHash = await deps.hasher.hash(normaliseAccessPassCode(code));
  const now = deps.clock.now();
  const expiresAt = secondsAfter(now, minutes * 60);
  const issuedBy =
    actor.type === "console" ? "console" : actor.type === "token" ? `token:${actor.tokenId}` : actor.userId;
  const settings = await noticeSettings(deps, actor);
  const replaced = await deps.unitOfWork.inTransaction(async (stores) => {
    const pass = { id: uuidv7(now, deps.random), userRef: user.ref, passHash, issuedBy, issuedAt: now, expiresAt };
    const wasOpen = await stores.accessPasses.issue(pass, now);
    await queueNotice(stores, { user, settings, now, expiresAt });
    const changes = [{ field: "expiresAt", old: null, new: expiresAt.toISOString() }];
    const issued = { activity: "access_pass.issued", result: "success", reason: `minutes:${String(minutes)}` } as const;
    await stores.audit.append(eventsFor(actor, user, now, [{ ...issued, changes }]));
    return wasOpen;
  });
  return succeed({ user, code, expiresAt, replaced });
}

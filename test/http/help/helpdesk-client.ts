/** Posting the helpdesk contact form as a browser would, and reading what reached the helpdesk. */
import type { TestApp } from "../../support/build-test-app.js";
import { hiddenValue, type PageClient, type PageResponse } from "../../support/page-client.js";

export interface ContactFields {
  readonly replyTo: string;
  readonly userId: string;
  readonly supportCode?: string;
  readonly message: string;
}

export const FIELDS: ContactFields = {
  replyTo: "budi.personal@mail.example",
  userId: "budi@contoh.example",
  message: "I lost my phone and can't reset my password. Can you help?",
};

/** GET /help/contact for its form token, then POST the fields with a solved CAPTCHA (or `altcha` as given). */
export async function sendContactForm(
  client: PageClient,
  fields: ContactFields,
  options: { altcha?: string | null } = {},
): Promise<PageResponse> {
  const form = hiddenValue((await client.get("/help/contact")).body, "form");
  const altcha = options.altcha === undefined ? await client.solveCaptcha() : options.altcha;
  return client.post("/help/contact", {
    form,
    replyTo: fields.replyTo,
    userId: fields.userId,
    supportCode: fields.supportCode ?? "",
    message: fields.message,
    ...(altcha === null ? {} : { altcha }),
  });
}

/** The helpdesk requests delivered to the dev mailbox, newest first. */
export async function deliveredRequests(
  t: TestApp,
): Promise<{ recipient: string; subject: string; text: string; html: string }[]> {
  await t.deliverMail();
  const mails = await t.composed.stores.outbox.list(200);
  return mails.filter((mail) => /Helpdesk request|Permintaan bantuan/.test(mail.subject));
}

/** The organisation's admins for the recipient tests: one per role, each with a directory address. */
export async function seedAdmins(
  t: TestApp,
  roles: readonly ("helpdesk_admin" | "password_admin" | "user_admin" | "global_admin")[],
): Promise<void> {
  for (const role of roles) {
    const local = role.replace("_admin", "");
    await t.seed.user({ userId: `${local}@contoh.example`, directoryEmail: `${local}@contoh.example`, roles: [role] });
  }
}

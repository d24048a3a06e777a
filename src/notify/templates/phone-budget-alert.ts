/**
 * The alert to Global admins when the organisation's text-and-call budget (SPEC §8.2 O1) drops a message: what
 * happened, what it means for users, how to tell SMS pumping from a busy hour, and which setting to change.
 */
import { html } from "../../lib/html.js";
import { defineTemplate } from "./define-template.js";
import { formatDateTime, paragraph, signedEmail } from "./email-layout.js";

export interface PhoneBudgetAlertModel {
  readonly orgName: string;
  /** `flood.phoneMessagesPerHour` when the message was dropped. */
  readonly limitPerHour: number;
  readonly droppedAt: string;
}

/** `phone-budget-alert`: sent at most once an hour (see domain/phone-budget-alert.ts). */
export const phoneBudgetAlertTemplate = defineTemplate<PhoneBudgetAlertModel>({
  name: "phone-budget-alert",
  fields: { orgName: "string", limitPerHour: "number", droppedAt: "string" },
  email(t, model, context) {
    const org = { org: model.orgName };
    const words = "gate_phone.budget_alert";
    const lines = {
      intro: t(`${words}.intro`, { ...org, limit: model.limitPerHour }),
      time: t(`${words}.time`, { time: formatDateTime(t, model.droppedAt, context) }),
      meaning: t(`${words}.meaning`),
      pumping: t(`${words}.pumping`),
      change: t(`${words}.change`),
      once: t(`${words}.once`),
    };
    const subject = t(`${words}.subject`, org);
    const body = html`${paragraph(html`${lines.intro}<br>${lines.time}`)}
${paragraph(lines.meaning)}
${paragraph(html`<strong>${lines.pumping}</strong>`)}
${paragraph(lines.change)}
${paragraph(lines.once)}`;
    return signedEmail(t, {
      orgName: model.orgName,
      subject,
      heading: t(`${words}.heading`),
      paragraphs: [`${lines.intro}\n${lines.time}`, lines.meaning, lines.pumping, lines.change, lines.once],
      body,
    });
  },
});

/** Every audit activity, reason code and status reason has plain words in both catalogs, and they read as meant. */
import { describe, expect, it } from "vitest";
import { AUDIT_ACTIVITIES, type StoredAuditEvent } from "../../src/domain/audit-events.js";
import { REASONS } from "../../src/domain/reasons.js";
import {
  activityKey,
  DETAIL_WORDS,
  describeAuditEvent,
  describeReason,
  reasonCodeKey,
  SESSION_HEADS,
  STATUS_HEADS,
} from "../../src/i18n/audit-words.js";
import { createTranslator, LANGUAGES } from "../../src/i18n/i18n.js";

const missing: string[] = [];
const translator = createTranslator({ onMissingKey: (lang, key) => missing.push(`${lang}: ${key}`) });
const en = translator.forLanguage("en");
const id = translator.forLanguage("id");

function keysWithoutWords(keys: readonly string[]): string[] {
  return LANGUAGES.flatMap((lang) =>
    keys.filter((key) => !translator.hasKey(lang, key)).map((key) => `${lang}: ${key}`),
  );
}

function event(overrides: Partial<StoredAuditEvent>): StoredAuditEvent {
  return {
    id: "0",
    seq: "1",
    time: new Date("2026-03-02T08:05:00Z"),
    activity: "signin.succeeded",
    category: "signin",
    result: "success",
    reason: null,
    actor: { type: "user", id: "ref-1", userId: "budi@contoh.example" },
    target: { ref: null, userId: null },
    flowId: null,
    supportCode: null,
    ip: null,
    client: null,
    method: null,
    maskedTarget: null,
    lang: null,
    instance: "test",
    changes: null,
    ...overrides,
  };
}

describe("audit words", () => {
  it("every audit activity has words in both catalogs", () => {
    expect(keysWithoutWords(AUDIT_ACTIVITIES.map(activityKey))).toEqual([]);
  });

  it("every reason code has words in both catalogs", () => {
    expect(keysWithoutWords(Object.keys(REASONS).map(reasonCodeKey))).toEqual([]);
  });

  it("every status reason, session count and detail Sandi writes has words in both catalogs", () => {
    const keys = [
      ...STATUS_HEADS.map((head) => `audit.status.${head}`),
      // Counted words exist as plural forms; Indonesian has only "other".
      ...SESSION_HEADS.map((head) => `audit.sessions.${head}_other`),
      ...DETAIL_WORDS.map((word) => `audit.detail.${word}`),
      ...["user", "admin", "system", "anonymous"].map((type) => `audit.actor.${type}`),
    ];
    expect(keysWithoutWords(keys)).toEqual([]);
  });

  it("says a flow's status reason with its method and code in the reader's language", () => {
    expect(describeReason(en, "method_failed:email:SND-201")).toBe("Verification failed (Email, Wrong code)");
    expect(describeReason(id, "method_failed:email:SND-201")).toBe("Verifikasi gagal (Email, Kode salah)");
    expect(describeReason(id, "SND-307")).toBe("Masuk dikunci");
    expect(describeReason(en, "reset:1")).toBe("Ended by a password reset: 1 session");
    expect(describeReason(en, "admin:3")).toBe("Ended by an admin: 3 sessions");
    expect(describeReason(id, "password_rejected:SND-501")).toBe("Kata sandi baru ditolak (Kata sandi terlalu pendek)");
    expect(missing).toEqual([]);
  });

  it("shows an activity or reason a later build wrote, and this one does not know, as its code", () => {
    const later = describeAuditEvent(en, event({ activity: "passkey.added", reason: "attestation:none" }));
    expect(later.activity).toBe("passkey.added");
    expect(later.reason).toBe("attestation:none");
    expect(missing).toEqual([]);
  });

  it("names the actor by type and user ID, and the system by its part", () => {
    expect(describeAuditEvent(id, event({})).actor).toBe("Pengguna budi@contoh.example");
    const worker = event({ actor: { type: "system", id: "outbox-worker", userId: null } });
    expect(describeAuditEvent(en, worker).actor).toBe("System (outbox-worker)");
    expect(describeAuditEvent(en, event({ actor: { type: "anonymous", id: null, userId: null } })).actor).toBe(
      "Anonymous",
    );
  });
});

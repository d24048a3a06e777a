/** SPEC §6.9's recipients: Helpdesk and Password admins, else User admins, else Global admins, at most 100. */
import { describe, expect, it } from "vitest";
import { helpdeskRecipients, MAX_HELPDESK_RECIPIENTS } from "../../../src/domain/helpdesk/helpdesk-recipients.js";
import type { RoleHolder, RoleHolderQuery } from "../../../src/domain/role-holders.js";
import type { AdminRole, DirectoryEntry } from "../../../src/domain/users.js";

interface Person {
  readonly ref: string;
  readonly roles: readonly AdminRole[];
  readonly email: string | null;
  readonly enabled?: boolean;
  readonly lang?: "en" | "id";
  readonly directoryId?: string;
}

function deps(people: readonly Person[]) {
  const entry = (person: Person): DirectoryEntry => ({
    entryId: person.ref,
    userId: `${person.ref}@contoh.example`,
    email: person.email,
    displayName: person.ref,
    firstName: person.ref,
    lastName: "",
    enabled: person.enabled ?? true,
    passwordChangedAt: null,
    groups: [],
  });
  return {
    directory: {
      id: "builtin",
      findEntryById: (id: string) =>
        Promise.resolve(
          people.find((person) => person.ref === id)
            ? entry(people.find((person) => person.ref === id) as Person)
            : null,
        ),
    },
    roleHolders: {
      holdersOf: ({ roles, limit }: RoleHolderQuery): Promise<RoleHolder[]> =>
        Promise.resolve(
          people
            .filter((person) => person.roles.some((role) => roles.includes(role)))
            .slice(0, limit)
            .map((person) => ({
              ref: person.ref,
              directoryId: person.directoryId ?? "builtin",
              entryId: person.ref,
              userId: null,
              roles: person.roles,
              preferredLanguage: person.lang ?? null,
              // The helpdesk reads addresses from the directory entry, never these.
              email: null,
              verifiedEmails: [],
            })),
        ),
    },
  };
}

const OPTIONS = { fallbackLang: "en", fallbackAddress: null } as const;

describe("helpdesk recipients", () => {
  it("are the Helpdesk and Password admins, each in their own language or the organisation's", async () => {
    const found = await helpdeskRecipients(
      deps([
        { ref: "ga", roles: ["global_admin"], email: "ga@x.example" },
        { ref: "ha", roles: ["helpdesk_admin"], email: "ha@x.example", lang: "id" },
        { ref: "pa", roles: ["password_admin"], email: "PA@x.example" },
        { ref: "ua", roles: ["user_admin"], email: "ua@x.example" },
      ]),
      OPTIONS,
    );
    expect(found).toEqual([
      { email: "ha@x.example", lang: "id" },
      { email: "pa@x.example", lang: "en" },
    ]);
  });

  it("fall to User admins when no Helpdesk or Password admin can be reached, then to Global admins", async () => {
    const people: Person[] = [
      { ref: "ha", roles: ["helpdesk_admin"], email: null },
      { ref: "pa", roles: ["password_admin"], email: "pa@x.example", enabled: false },
      { ref: "ua", roles: ["user_admin"], email: "ua@x.example" },
      { ref: "ga", roles: ["global_admin"], email: "ga@x.example" },
    ];
    expect((await helpdeskRecipients(deps(people), OPTIONS)).map((r) => r.email)).toEqual(["ua@x.example"]);
    const withoutUserAdmin = people.filter((person) => person.ref !== "ua");
    expect((await helpdeskRecipients(deps(withoutUserAdmin), OPTIONS)).map((r) => r.email)).toEqual(["ga@x.example"]);
  });

  it("skip accounts of another directory, name each address once, and stop at 100", async () => {
    const many: Person[] = Array.from({ length: 130 }, (_, index) => ({
      ref: `ha${String(index).padStart(3, "0")}`,
      roles: ["helpdesk_admin"],
      email: `ha${String(index)}@x.example`,
    }));
    const found = await helpdeskRecipients(
      deps([
        { ref: "aaa", roles: ["password_admin"], email: "shared@x.example" },
        { ref: "aab", roles: ["helpdesk_admin"], email: "Shared@x.example" },
        { ref: "aac", roles: ["helpdesk_admin"], email: "ldap@x.example", directoryId: "ldap-1" },
        ...many,
      ]),
      OPTIONS,
    );
    expect(found.length).toBeLessThanOrEqual(MAX_HELPDESK_RECIPIENTS);
    expect(found.filter((r) => r.email === "shared@x.example")).toHaveLength(1);
    expect(found.map((r) => r.email)).not.toContain("ldap@x.example");
  });

  it("use the policy's fallback address when no admin can be reached, and none without one", async () => {
    expect(await helpdeskRecipients(deps([]), { fallbackLang: "id", fallbackAddress: "it@x.example" })).toEqual([
      { email: "it@x.example", lang: "id" },
    ]);
    expect(await helpdeskRecipients(deps([]), OPTIONS)).toEqual([]);
  });
});

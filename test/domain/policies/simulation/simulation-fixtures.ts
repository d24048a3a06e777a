/** People for the simulation tests and an in-memory PopulationReader that pages them as the store does. */
import type { AdminActor } from "../../../../src/domain/admin/admin-actor.js";
import type { MethodId } from "../../../../src/domain/methods.js";
import type { PopulationMember, PopulationReader } from "../../../../src/domain/policies/simulation/population.js";
import type { SsprPolicy } from "../../../../src/domain/policies/sspr-policy.js";
import type { PolicyStore, VerifiedMethod } from "../../../../src/domain/ports.js";
import type { AdminRole, UserAccount } from "../../../../src/domain/users.js";

export const NOW = new Date("2026-12-14T10:00:00Z");

export function person(
  name: string,
  input: { groups?: string[]; roles?: AdminRole[]; methods?: MethodId[]; enabled?: boolean } = {},
): PopulationMember {
  const user: UserAccount = {
    entryId: name,
    directoryId: "builtin",
    ref: name,
    userId: `${name}@contoh.example`,
    email: null,
    displayName: name,
    firstName: name,
    lastName: "",
    enabled: input.enabled ?? true,
    passwordChangedAt: null,
    groups: input.groups ?? [],
    adminLocked: false,
    securityHold: false,
    mustChangePassword: false,
    passwordCompromised: false,
    preferredLanguage: null,
    registration: "none",
    roles: input.roles ?? [],
  };
  const methods = (input.methods ?? []).map(
    (method, index): VerifiedMethod => ({
      id: `${name}-${String(index)}`,
      userRef: name,
      method,
      value: "",
      label: null,
      createdAt: NOW,
      lastUsedAt: null,
    }),
  );
  return { user, methods };
}

/** Pages `people` by entry id, as the store's reader does; counts its reads. */
export function memoryPopulation(people: readonly PopulationMember[]): PopulationReader & { reads: number } {
  const sorted = [...people].sort((a, b) => a.user.entryId.localeCompare(b.user.entryId));
  const reader = {
    reads: 0,
    async readPage({ after, limit }: { after: string | null; limit: number }) {
      reader.reads += 1;
      const rest = sorted.filter((member) => after === null || member.user.entryId > after);
      const members = rest.slice(0, limit);
      const next = rest.length > limit ? (members.at(-1)?.user.entryId ?? null) : null;
      return Promise.resolve({ members, next });
    },
  };
  return reader;
}

export function policyStoreOf(policy: SsprPolicy): PolicyStore {
  const version = { version: 1, policy, createdBy: "test", createdAt: NOW };
  return {
    current: () => Promise.resolve(version),
    save: () => Promise.reject(new Error("a simulation never saves")),
    list: () => Promise.resolve([version]),
    get: (wanted) => Promise.resolve(wanted === 1 ? version : null),
  };
}

export function adminActor(roles: AdminRole[]): AdminActor {
  return { type: "admin", ref: "actor", userId: "actor@contoh.example", roles, ip: "10.0.0.1", client: "test" };
}

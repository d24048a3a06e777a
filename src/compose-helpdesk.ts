/**
 * Composes the helpdesk contact form and the FAQ's facts (SPEC §6.9, §13.4): the admins' addresses come from the
 * directory, the proof of work and the response floor are the identify step's, and the phone methods say how many
 * digits their codes have.
 */
import type { SiteInfo } from "./app-services.js";
import type { ComposedStores } from "./compose-stores.js";
import { createHelpdeskService, type HelpdeskService } from "./domain/helpdesk/helpdesk-service.js";
import type { HumanCheck } from "./domain/ports.js";
import type { SsprPolicy } from "./domain/policies/sspr-policy.js";
import type { Clock } from "./lib/clock.js";
import { PHONE_CODE_LENGTH } from "./methods/phone/phone-registration.js";

export interface HelpdeskInput {
  readonly stores: Pick<ComposedStores, "users" | "directory" | "roleHolders" | "unitOfWork">;
  readonly clock: Clock;
  readonly humanCheck: HumanCheck;
  readonly floor: { waitUntil(startedAt: Date, kind: string): Promise<void> };
  readonly currentPolicy: () => Promise<SsprPolicy>;
  readonly siteInfo: () => Promise<SiteInfo>;
}

export function composeHelpdesk(input: HelpdeskInput): HelpdeskService {
  const { stores } = input;
  return createHelpdeskService({
    clock: input.clock,
    users: stores.users,
    directory: stores.directory,
    roleHolders: stores.roleHolders,
    unitOfWork: stores.unitOfWork,
    humanCheck: input.humanCheck,
    floor: input.floor,
    currentPolicy: input.currentPolicy,
    organisation: async () => {
      const site = await input.siteInfo();
      return { name: site.orgName, defaultLanguage: site.defaultLanguage };
    },
    phoneCodeLength: PHONE_CODE_LENGTH,
  });
}

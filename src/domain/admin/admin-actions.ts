/**
 * Every admin action as one object bound to its dependencies: `compose.ts` builds it once per process, and the
 * console commands and the admin portal call the same functions, so permissions, audit events and SPEC §9.1
 * are applied the same way whoever acts.
 */
import * as access from "./access-actions.js";
import { setTemporaryPassword } from "./admin-reset.js";
import { releaseSecurityHold } from "./hold-actions.js";
import { searchUsers, userDetail } from "./user-overview.js";
import type { AdminDeps } from "./admin-deps.js";
import * as directory from "./directory-actions.js";
import * as policy from "./policy-actions.js";
import * as roles from "./role-actions.js";
import * as tokens from "./api-tokens.js";
import { validatePolicySetting } from "./policy-check.js";
import { diagnoseUser } from "../troubleshoot/diagnose-user.js";

type Bound<F> = F extends (deps: AdminDeps, ...rest: infer A) => infer R ? (...rest: A) => R : never;

function bind<F extends (deps: AdminDeps, ...rest: never[]) => unknown>(deps: AdminDeps, action: F): Bound<F> {
  return ((...rest: never[]) => action(deps, ...rest)) as Bound<F>;
}

export function createAdminActions(deps: AdminDeps) {
  return {
    setTemporaryPassword: bind(deps, setTemporaryPassword),
    unlockUser: bind(deps, access.unlockUser),
    clearSsprBlock: bind(deps, access.clearSsprBlock),
    revokeSessions: bind(deps, access.revokeSessions),
    setUserEnabled: bind(deps, access.setUserEnabled),
    releaseSecurityHold: bind(deps, releaseSecurityHold),
    searchUsers: bind(deps, searchUsers),
    userDetail: bind(deps, userDetail),
    addUser: bind(deps, directory.addUser),
    addGroup: bind(deps, directory.addGroup),
    addMember: bind(deps, directory.addMember),
    addSubgroup: bind(deps, directory.addSubgroup),
    grantRole: bind(deps, roles.grantRole),
    revokeRole: bind(deps, roles.revokeRole),
    roleAssignments: bind(deps, roles.roleAssignments),
    listGroups: bind(deps, roles.listGroups),
    ownAssignments: bind(deps, roles.ownAssignments),
    createApiToken: bind(deps, tokens.createApiToken),
    listApiTokens: bind(deps, tokens.listApiTokens),
    revokeApiToken: bind(deps, tokens.revokeApiToken),
    authenticateApiToken: bind(deps, tokens.authenticateApiToken),
    recordTokenForbidden: bind(deps, tokens.recordTokenForbidden),
    listUsers: bind(deps, directory.listUsers),
    showUser: bind(deps, directory.showUser),
    currentPolicy: bind(deps, policy.currentPolicy),
    setPolicySetting: bind(deps, policy.setPolicySetting),
    validatePolicySetting: bind(deps, validatePolicySetting),
    initialiseOrganisation: bind(deps, policy.initialiseOrganisation),
    readAudit: bind(deps, policy.readAudit),
    diagnoseUser: bind(deps, diagnoseUser),
    /** Whether any demo account exists (production start-up refuses them). */
    hasDemoAccounts: () => deps.directoryAdmin.hasDemoAccounts(),
  };
}

/** The admin actions of one process. */
export type AdminActions = ReturnType<typeof createAdminActions>;

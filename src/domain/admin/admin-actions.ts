/**
 * Every admin action as one object bound to its dependencies: `compose.ts` builds it once per process, and the
 * console commands and the admin portal call the same functions, so permissions, audit events and SPEC §9.1
 * are applied the same way whoever acts.
 */
import * as access from "./access-actions.js";
import { setTemporaryPassword } from "./admin-reset.js";
import { releaseSecurityHold } from "./hold-actions.js";
import { recoverLastGlobalAdmin } from "./break-glass.js";
import { issueAccessPass } from "./access-pass-actions.js";
import { removeUserMethod, requireReregistration } from "./method-actions.js";
import { sendRegistrationReminder } from "./reminder-actions.js";
import { callerChallenge, callerCodeOptions, checkCallerCode, sendCallerCode } from "./verify-caller.js";
import { searchUsers, userDetail } from "./user-overview.js";
import type { AdminDeps } from "./admin-deps.js";
import * as directory from "./directory-actions.js";
import * as groups from "./group-management.js";
import * as users from "./user-management.js";
import * as userImport from "./user-import.js";
import { methodHistory } from "./method-history.js";
import * as policy from "./policy-actions.js";
import { auditPage, readAudit } from "./audit-read.js";
import { checkDraft, savePolicy } from "./policy-save.js";
import * as versions from "./policy-versions.js";
import * as roles from "./role-actions.js";
import * as tokens from "./api-tokens.js";
import { admitApiRequest } from "./api-rate-limit.js";
import { validatePolicySetting } from "./policy-check.js";
import { diagnoseUser } from "../troubleshoot/diagnose-user.js";
import { draftFromSettings, simulatePolicyChange } from "./simulate-policy.js";
import * as evaluation from "./policy-evaluation.js";

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
    recoverLastGlobalAdmin: bind(deps, recoverLastGlobalAdmin),
    issueAccessPass: bind(deps, issueAccessPass),
    removeUserMethod: bind(deps, removeUserMethod),
    requireReregistration: bind(deps, requireReregistration),
    sendRegistrationReminder: bind(deps, sendRegistrationReminder),
    callerCodeOptions: bind(deps, callerCodeOptions),
    sendCallerCode: bind(deps, sendCallerCode),
    checkCallerCode: bind(deps, checkCallerCode),
    callerChallenge: bind(deps, callerChallenge),
    searchUsers: bind(deps, searchUsers),
    userDetail: bind(deps, userDetail),
    addUser: bind(deps, directory.addUser),
    addGroup: bind(deps, directory.addGroup),
    addMember: bind(deps, directory.addMember),
    addSubgroup: bind(deps, directory.addSubgroup),
    grantRole: bind(deps, roles.grantRole),
    revokeRole: bind(deps, roles.revokeRole),
    roleAssignments: bind(deps, roles.roleAssignments),
    ownAssignments: bind(deps, roles.ownAssignments),
    createApiToken: bind(deps, tokens.createApiToken),
    listApiTokens: bind(deps, tokens.listApiTokens),
    revokeApiToken: bind(deps, tokens.revokeApiToken),
    authenticateApiToken: bind(deps, tokens.authenticateApiToken),
    recordTokenForbidden: bind(deps, tokens.recordTokenForbidden),
    admitApiRequest: bind(deps, admitApiRequest),
    listUsers: bind(deps, directory.listUsers),
    showUser: bind(deps, directory.showUser),
    currentPolicy: bind(deps, policy.currentPolicy),
    setPolicySetting: bind(deps, policy.setPolicySetting),
    savePolicy: bind(deps, savePolicy),
    /** V1–V10 for a draft without saving it (the pages' inline check; the API's validate). */
    checkPolicyDraft: (draft: Parameters<typeof checkDraft>[1]) => checkDraft(deps, draft),
    listPolicyVersions: bind(deps, versions.listPolicyVersions),
    policyVersionDiff: bind(deps, versions.policyVersionDiff),
    restorePolicyVersion: bind(deps, versions.restorePolicyVersion),
    validatePolicySetting: bind(deps, validatePolicySetting),
    initialiseOrganisation: bind(deps, policy.initialiseOrganisation),
    readAudit: bind(deps, readAudit),
    auditPage: bind(deps, auditPage),
    diagnoseUser: bind(deps, diagnoseUser),
    simulatePolicyChange: bind(deps, simulatePolicyChange),
    draftFromSettings: bind(deps, draftFromSettings),
    startEvaluation: bind(deps, evaluation.startEvaluation),
    evaluationStatus: bind(deps, evaluation.evaluationStatus),
    stopEvaluation: bind(deps, evaluation.stopEvaluation),
    adoptEvaluation: bind(deps, evaluation.adoptEvaluation),
    listUserPage: bind(deps, users.listUserPage),
    userContact: bind(deps, users.userContact),
    createUser: bind(deps, users.createUser),
    editUser: bind(deps, users.editUser),
    deleteUser: bind(deps, users.deleteUser),
    listGroups: bind(deps, groups.listGroups),
    groupDetail: bind(deps, groups.groupDetail),
    createGroup: bind(deps, groups.createGroup),
    renameGroup: bind(deps, groups.renameGroup),
    deleteGroup: bind(deps, groups.deleteGroup),
    removeMember: bind(deps, groups.removeMember),
    removeSubgroup: bind(deps, groups.removeSubgroup),
    methodHistory: bind(deps, methodHistory),
    dryRunImport: bind(deps, userImport.dryRunImport),
    startImport: bind(deps, userImport.startImport),
    importJob: bind(deps, userImport.importJob),
    /** Whether Sandi may create, edit and delete users and groups in this directory (built-in: yes). */
    managesDirectory: () => deps.directory.capabilities.manageUsers && deps.directory.capabilities.manageGroups,
    /** Whether any demo account exists (production start-up refuses them). */
    hasDemoAccounts: () => deps.directoryAdmin.hasDemoAccounts(),
  };
}

/** The admin actions of one process. */
export type AdminActions = ReturnType<typeof createAdminActions>;

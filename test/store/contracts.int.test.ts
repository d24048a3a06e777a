/** Every store contract on every engine: PGlite always, PostgreSQL in every `npm test` (see test-databases.ts). */
import { describe } from "vitest";
import { describeAccountStoreContract } from "../contracts/account-store.contract.js";
import { describeAuditLogContract } from "../contracts/audit-log.contract.js";
import { describeBuiltinDirectoryContract } from "../contracts/builtin-directory.contract.js";
import { describeCaptchaStoreContract } from "../contracts/captcha-store.contract.js";
import { describeChallengeStoreContract } from "../contracts/challenge-store.contract.js";
import { describeDeliveryHistoryContract } from "../contracts/delivery-history.contract.js";
import { describeFlowStoreContract } from "../contracts/flow-store.contract.js";
import { describeGroupChainsContract } from "../contracts/group-chains.contract.js";
import { describeHousekeepingContract } from "../contracts/housekeeping.contract.js";
import { describeMethodStoreContract } from "../contracts/method-store.contract.js";
import { describeOutboxContract } from "../contracts/outbox.contract.js";
import { describeRegistrationStoresContract } from "../contracts/registration-stores.contract.js";
import { describePolicyStoreContract } from "../contracts/policy-store.contract.js";
import { describeSecretKeysContract } from "../contracts/secret-keys.contract.js";
import { describeSessionStoreContract } from "../contracts/session-store.contract.js";
import { describeSignInLockoutStoreContract } from "../contracts/signin-lockout-store.contract.js";
import { describeThrottleStoreContract } from "../contracts/throttle-store.contract.js";
import { describeUnitOfWorkContract } from "../contracts/unit-of-work.contract.js";
import { describeUserManagementContract } from "../contracts/user-management.contract.js";
import { testDatabases } from "../support/test-databases.js";

for (const database of testDatabases()) {
  describe(database.name, () => {
    describeFlowStoreContract(database);
    describeChallengeStoreContract(database);
    describeThrottleStoreContract(database);
    describeSessionStoreContract(database);
    describeSignInLockoutStoreContract(database);
    describeMethodStoreContract(database);
    describeRegistrationStoresContract(database);
    describePolicyStoreContract(database);
    describeCaptchaStoreContract(database);
    describeAuditLogContract(database);
    describeOutboxContract(database);
    describeSecretKeysContract(database);
    describeBuiltinDirectoryContract(database);
    describeAccountStoreContract(database);
    describeUnitOfWorkContract(database);
    describeHousekeepingContract(database);
    describeDeliveryHistoryContract(database);
    describeGroupChainsContract(database);
    describeUserManagementContract(database);
  });
}

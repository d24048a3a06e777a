/** The RoleHolderStore contract on every engine. */
import { describe } from "vitest";
import { describeRoleHolderStoreContract } from "../contracts/role-holders.contract.js";
import { testDatabases } from "../support/test-databases.js";

for (const database of testDatabases()) describe(database.name, () => describeRoleHolderStoreContract(database));

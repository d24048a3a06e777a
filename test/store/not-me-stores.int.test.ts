/** The "This wasn't me" stores' contract on every engine (the lead may fold it into contracts.int.test.ts). */
import { describe } from "vitest";
import { describeNotMeStoresContract } from "../contracts/not-me-links.contract.js";
import { testDatabases } from "../support/test-databases.js";

for (const database of testDatabases()) describe(database.name, () => describeNotMeStoresContract(database));

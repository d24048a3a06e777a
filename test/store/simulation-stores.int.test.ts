/** The PopulationReader and EvaluationStore contracts on every engine (kept beside contracts.int.test.ts so parallel work can merge). */
import { describe } from "vitest";
import { describeEvaluationStoreContract } from "../contracts/evaluation-store.contract.js";
import { describePopulationReaderContract } from "../contracts/population.contract.js";
import { testDatabases } from "../support/test-databases.js";

for (const database of testDatabases()) {
  describe(database.name, () => {
    describePopulationReaderContract(database);
    describeEvaluationStoreContract(database);
  });
}

/** The tests' read-only directory passes the same Directory contract as every adapter. */
import { describeDirectoryContract } from "../contracts/directory.contract.js";
import { createCountingHasher } from "../contracts/store-fixtures.js";
import { createReadOnlyTestDirectory } from "../support/read-only-directory.js";

describeDirectoryContract("read-only test directory", () => {
  const directory = createReadOnlyTestDirectory(createCountingHasher());
  return {
    directory,
    addEntry: ({ userId, password, groups }) =>
      directory.add({ userId, password, groups, email: null, firstName: "Test", lastName: "User", enabled: true }),
  };
});

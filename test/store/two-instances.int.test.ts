/** Two instances starting together on one empty PostgreSQL database: both migrate, and both get the same keys. */
import { afterAll, describe, expect, it } from "vitest";
import { createSecureRandom } from "../../src/lib/random.js";
import { connectPostgres, type DatabaseHandle } from "../../src/store/connect.js";
import { areMigrationsCurrent, migrateToLatest } from "../../src/store/migrate.js";
import { loadSecretKeys } from "../../src/store/repos/kysely-secret-keys.js";
import { openPostgresDatabase, testDatabases } from "../support/test-databases.js";

const T0 = new Date("2026-03-02T08:00:00.000Z");

describe.runIf(testDatabases().some((database) => database.name === "postgres"))("two instances on PostgreSQL", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  // Threat: instances that start together sign cookies and codes with different keys and reject each other's.
  it("migrate concurrently and agree on every key", async () => {
    const database = await openPostgresDatabase({ schema: "empty" });
    cleanups.push(database.drop);
    const instances: DatabaseHandle[] = [connectPostgres(database.url), connectPostgres(database.url)];
    for (const instance of instances) cleanups.push(() => instance.close());

    await Promise.all(instances.map((instance) => migrateToLatest(instance.db)));
    const [one, two] = await Promise.all(
      instances.map((instance) => loadSecretKeys(instance.db, createSecureRandom(), T0)),
    );

    for (const instance of instances) expect(await areMigrationsCurrent(instance.db)).toBe(true);
    expect(two?.codeKeys.get(two.codeKeys.currentId)).toEqual(one?.codeKeys.get(one.codeKeys.currentId));
    expect(two?.cookieKey).toEqual(one?.cookieKey);
    expect(two?.altchaKey).toEqual(one?.altchaKey);
  });
});

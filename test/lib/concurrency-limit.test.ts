/** The limits behind overload shedding: what is refused, when, and what waits instead. */
import { describe, expect, it } from "vitest";
import { CapacityExceededError, createConcurrencyLimit } from "../../src/lib/concurrency-limit.js";
import { createArgon2idHasher } from "../../src/lib/crypto/argon2id.js";
import { isOverload } from "../../src/lib/overload.js";

function gate(): { wait: Promise<void>; open(): void } {
  let open: () => void = () => undefined;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

describe("createConcurrencyLimit", () => {
  it("refuses a task past the queue at once, as an overload, and runs the queued ones in order", async () => {
    const limit = createConcurrencyLimit({ maxInFlight: 1, maxWaiting: 1 });
    const held = gate();
    const order: string[] = [];
    const first = limit(async () => {
      await held.wait;
      order.push("first");
    });
    const second = limit(() => {
      order.push("second");
      return Promise.resolve();
    });
    const third = limit(() => Promise.resolve("never"));
    await expect(third).rejects.toBeInstanceOf(CapacityExceededError);
    expect(isOverload(await third.catch((error: unknown) => error))).toBe(true);
    held.open();
    await Promise.all([first, second]);
    expect(order).toEqual(["first", "second"]);
  });

  it("refuses a queued task that waited longer than maxWaitMilliseconds, and frees its place", async () => {
    const limit = createConcurrencyLimit({ maxInFlight: 1, maxWaiting: 1, maxWaitMilliseconds: 20 });
    const held = gate();
    const first = limit(() => held.wait);
    await expect(limit(() => Promise.resolve())).rejects.toBeInstanceOf(CapacityExceededError);
    const queuedAgain = limit(() => Promise.resolve("ran"));
    held.open();
    await first;
    await expect(queuedAgain).resolves.toBe("ran");
  });
});

describe("the Argon2id hasher's admission", () => {
  it("refuses a request's hashes before the first, never between two, and the patient view always waits", async () => {
    // One hash at a time: four requests are admitted, none may wait.
    const hasher = createArgon2idHasher({ maxInFlight: 1, maxWaiting: 0 });
    const held = gate();
    const admitted = Array.from({ length: 4 }, () =>
      hasher.admit(async (inside) => {
        await held.wait;
        // Seven hashes in a row, as a new password runs them: none is refused once admitted.
        for (let index = 0; index < 7; index++) await inside.verifyDummy("x");
        return "done";
      }),
    );
    await expect(hasher.verify("$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA", "x")).rejects.toBeInstanceOf(
      CapacityExceededError,
    );
    const seeding = hasher.patient.hash("demo-password");
    held.open();
    expect(await Promise.all(admitted)).toEqual(["done", "done", "done", "done"]);
    expect(await seeding).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});

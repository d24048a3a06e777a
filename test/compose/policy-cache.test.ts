/** The policy reader compose.ts hands every flow caches by the injected clock, so a fake clock decides its expiry. */
import { describe, expect, it } from "vitest";
import { ensurePolicy } from "../../src/compose-parts.js";
import { methodsThePolicyMayEnable } from "../../src/compose-security-info.js";
import type { PolicyStore, PolicyVersion } from "../../src/domain/ports.js";
import { DEFAULT_POLICY, type SsprPolicy } from "../../src/domain/policies/sspr-policy.js";
import { createFakeClock } from "../support/fake-clock.js";
import { testConfig } from "../support/test-config.js";

const CACHE_MILLISECONDS = 30_000;

/** A policy store in memory that counts how often the current policy is read. */
function countingPolicyStore() {
  const versions: PolicyVersion[] = [];
  let reads = 0;
  const store: PolicyStore = {
    current: () => {
      reads += 1;
      return Promise.resolve(versions.at(-1) ?? null);
    },
    save: (policy, createdBy, now) => {
      const version = { version: versions.length + 1, policy, createdBy, createdAt: now };
      versions.push(version);
      return Promise.resolve(version);
    },
    list: () => Promise.resolve([...versions].reverse()),
    get: (number) => Promise.resolve(versions.find((version) => version.version === number) ?? null),
  };
  return { store, reads: () => reads };
}

/** The same policy with the other code length: a change an administrator could save. */
function withOtherCodeLength(policy: SsprPolicy): SsprPolicy {
  return { ...policy, emailCodeLength: policy.emailCodeLength === 6 ? 8 : 6 };
}

describe("policy cache", () => {
  it("keeps the read policy until the injected clock passes the cache time, then reads it again", async () => {
    const clock = createFakeClock();
    const policies = countingPolicyStore();
    const currentPolicy = await ensurePolicy(
      { policy: policies.store },
      testConfig(),
      clock,
      CACHE_MILLISECONDS,
      methodsThePolicyMayEnable(["email"]),
    );
    const first = await currentPolicy();
    const readsAfterFirst = policies.reads();
    const changed = withOtherCodeLength(first);
    await policies.store.save(changed, "test", clock.now());

    clock.advanceSeconds(29);
    expect(await currentPolicy()).toEqual(first);
    expect(policies.reads()).toBe(readsAfterFirst);

    clock.advanceSeconds(1);
    expect(await currentPolicy()).toEqual(changed);
    expect(policies.reads()).toBe(readsAfterFirst + 1);
  });

  it("does not reload on the machine's time while the injected clock stands still", async () => {
    const clock = createFakeClock();
    const policies = countingPolicyStore();
    const currentPolicy = await ensurePolicy(
      { policy: policies.store },
      testConfig(),
      clock,
      1,
      methodsThePolicyMayEnable(["email"]),
    );
    await currentPolicy();
    const readsAfterFirst = policies.reads();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await currentPolicy();
    expect(policies.reads()).toBe(readsAfterFirst);
  });

  it("seeds the default policy on first start", async () => {
    const policies = countingPolicyStore();
    const currentPolicy = await ensurePolicy(
      { policy: policies.store },
      testConfig(),
      createFakeClock(),
      0,
      methodsThePolicyMayEnable(["email"]),
    );
    // The test configuration's seed asks for one method to register and no action page (see test-config.ts); the
    // rest is the default.
    expect(await currentPolicy()).toEqual({ ...DEFAULT_POLICY, methodsToRegister: 1, unlockWithoutReset: false });
  });
});

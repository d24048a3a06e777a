import { describe, expect, it } from "vitest";
import { canonicalTimeZone } from "../../../src/domain/policies/time-zone.js";

describe("the organisation's time zone name", () => {
  it("spells a known IANA name canonically, the second time from the cache as the first", () => {
    expect(canonicalTimeZone("asia/jakarta")).toBe("Asia/Jakarta");
    expect(canonicalTimeZone("asia/jakarta")).toBe("Asia/Jakarta");
    expect(canonicalTimeZone(" Asia/Jakarta ")).toBe("Asia/Jakarta");
  });

  it("refuses an unknown name and a bare offset, also when asked again", () => {
    for (let asked = 0; asked < 2; asked++) {
      expect(canonicalTimeZone("Asia/Atlantis")).toBeNull();
      expect(canonicalTimeZone("+07:00")).toBeNull();
      expect(canonicalTimeZone("x".repeat(65))).toBeNull();
    }
  });

  it("keeps answering right after many different names fill the cache", () => {
    for (let index = 0; index < 600; index++) canonicalTimeZone(`Etc/Unknown${String(index)}`);
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Etc/Unknown5")).toBeNull();
  });
});

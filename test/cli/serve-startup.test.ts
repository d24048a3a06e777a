/** The configuration `sandi serve` runs with: development binds loopback and makes email links follow its port. */
import { describe, expect, it } from "vitest";
import { effectiveConfig } from "../../src/cli/commands/serve-startup.js";
import { DEFAULT_PUBLIC_URL } from "../../src/config/config.schema.js";
import { testConfig } from "../support/test-config.js";

describe("effectiveConfig", () => {
  it("in development on another port, email links follow the port when publicUrl was left at its default", () => {
    const config = effectiveConfig(
      testConfig({ publicUrl: DEFAULT_PUBLIC_URL, listen: { port: 9090 } }),
      "development",
    );
    expect(config.publicUrl).toBe("http://localhost:9090");
    expect(config.listen.host).toBe("127.0.0.1");
  });

  it("keeps a publicUrl that was set, and the default on port 8080", () => {
    const set = testConfig({ publicUrl: "https://sspr.example.com", listen: { port: 9090 } });
    expect(effectiveConfig(set, "development").publicUrl).toBe("https://sspr.example.com");
    const standard = testConfig({ publicUrl: DEFAULT_PUBLIC_URL, listen: { port: 8080 } });
    expect(effectiveConfig(standard, "development").publicUrl).toBe(DEFAULT_PUBLIC_URL);
  });

  it("changes nothing in production mode", () => {
    const config = testConfig({ publicUrl: DEFAULT_PUBLIC_URL, listen: { host: "0.0.0.0", port: 9090 } });
    expect(effectiveConfig(config, "production")).toBe(config);
  });
});

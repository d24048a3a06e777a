/**
 * Threats of the journey files, again in a build with a second method of another kind: the existing journey,
 * enumeration and gate-bypass tests run here unchanged, with the test-only fake authenticator registered through the
 * method registry and enabled in every policy. A flow that only knew email would differ, and these would fail.
 */
import { useMethodVariant } from "../../support/build-test-app.js";

useMethodVariant("email+fake-authenticator");
await import("./reset.journey.test.js");
await import("./reset.enumeration.test.js");
await import("./reset.gate-bypass.test.js");
await import("../api/reset-api.enumeration.test.js");

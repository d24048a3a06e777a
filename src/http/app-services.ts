/** What the HTTP layer gets: the composed services (defined beside compose.ts, re-exported here) and its options. */
export type { AppServices, CaptchaChallenges, HealthChecks, SiteInfo } from "../app-services.js";

export interface AppOptions {
  readonly mode: "development" | "production";
  readonly publicUrl: URL;
  readonly trustedProxies: readonly string[];
  readonly logger: boolean | object;
  readonly metricsToken: string | null;
  /** Skips the proof-of-work check (benchmarks only; refused in production and off loopback). */
  readonly skipCaptcha: boolean;
  /** Sheds new requests while the event loop is this late on average (`sandi serve`); unset: no such shedding. */
  readonly eventLoopLagLimitMilliseconds?: number;
  /** Tests only: told of every route as it is added (the generated role matrix walks them by `config.capability`). */
  readonly onRoute?: (route: { method: string | string[]; url: string; config?: unknown }) => void;
}

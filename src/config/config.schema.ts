/** The configuration's schema (TypeBox): every key, its default, its limits. Keys are camelCase. */
import Type, { type Static } from "typebox";
import { parseCidr } from "../lib/cidr.js";
import { PhoneProviderSchema } from "./phone-provider.schema.js";

const Port = Type.Integer({ minimum: 0, maximum: 65535 });

/** An IPv4 or IPv6 address or CIDR, checked when the configuration loads so a typo stops the start. */
const Network = Type.Refine(
  Type.String(),
  (text) => parseCidr(text) !== null,
  () => "must be an IPv4 or IPv6 address or CIDR, such as 203.0.113.0/24 or 2001:db8::/48",
);

const SmtpSchema = Type.Object({
  host: Type.Union([Type.String({ minLength: 1 }), Type.Null()], { default: null }),
  port: Type.Integer({ minimum: 1, maximum: 65535, default: 587 }),
  security: Type.Union([Type.Literal("starttls"), Type.Literal("tls"), Type.Literal("none")], { default: "starttls" }),
  user: Type.Union([Type.String(), Type.Null()], { default: null }),
  password: Type.Union([Type.String(), Type.Null()], { default: null, secret: true }),
  from: Type.String({ default: "sandi@localhost" }),
});

/** Where `npm start` serves; in development on another port, `sandi serve` follows the port when this is unchanged. */
export const DEFAULT_PUBLIC_URL = "http://localhost:8080";

export const ConfigSchema = Type.Object({
  publicUrl: Type.String({ default: DEFAULT_PUBLIC_URL, format: "uri" }),
  listen: Type.Object(
    {
      host: Type.String({ default: "127.0.0.1" }),
      port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
    },
    { default: {} },
  ),
  database: Type.Object(
    {
      /** PostgreSQL URL (`DATABASE_URL` is an alias); null uses the embedded PGlite in `dataDirectory`. */
      url: Type.Union([Type.String({ pattern: "^postgres(ql)?://" }), Type.Null()], { default: null, secret: true }),
      dataDirectory: Type.String({ default: "./data" }),
      /**
       * PostgreSQL parses and plans each statement once per connection (ADR 0023). Set false behind a pooler that
       * cannot keep prepared statements: PgBouncer before 1.21 in transaction mode, or 1.21+ without
       * `max_prepared_statements`.
       */
      preparedStatements: Type.Boolean({ default: true }),
    },
    { default: {} },
  ),
  organisation: Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 100, default: "Sandi" }),
      domain: Type.String({ minLength: 1, maxLength: 48, default: "example.org" }),
      defaultLanguage: Type.Union([Type.Literal("en"), Type.Literal("id")], { default: "en" }),
    },
    { default: {} },
  ),
  smtp: Type.Object(SmtpSchema.properties, { default: {} }),
  /** The SMS and voice provider (SPEC §4.3); `phone.url` unset sends no text and places no call. */
  phone: Type.Object(PhoneProviderSchema.properties, { default: {} }),
  /** Seed for the policy stored in the database at first start; later changes go through `sandi policy set`. */
  policy: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()]), { default: {} }),
  reset: Type.Object(
    {
      identifyFloorMilliseconds: Type.Integer({ minimum: 0, maximum: 60_000, default: 1000 }),
      gateFloorMilliseconds: Type.Integer({ minimum: 0, maximum: 60_000, default: 600 }),
      floorJitterMilliseconds: Type.Integer({ minimum: 0, maximum: 1000, default: 50 }),
    },
    { default: {} },
  ),
  signIn: Type.Object(
    {
      lockoutThreshold: Type.Integer({ minimum: 3, maximum: 50, default: 10 }),
      firstLockoutSeconds: Type.Integer({ minimum: 60, maximum: 3600, default: 60 }),
    },
    { default: {} },
  ),
  /** Peers whose X-Forwarded-For is believed (IPs or CIDRs). */
  trustedProxies: Type.Array(Type.String(), { default: [] }),
  throttle: Type.Object(
    {
      /** SPEC §8.2's corporate egress list: client IPs inside get 10 × the I1 and I2 limits. */
      corporateEgressNetworks: Type.Array(Network, { default: [] }),
    },
    { default: {} },
  ),
  metrics: Type.Object(
    {
      /** Bearer token for /metrics on the public listener; null keeps /metrics off it. */
      token: Type.Union([Type.String({ minLength: 16 }), Type.Null()], { default: null, secret: true }),
      /** A separate listener (e.g. 127.0.0.1:9464) serving only /metrics; null for none. */
      port: Type.Union([Port, Type.Null()], { default: null }),
    },
    { default: {} },
  ),
  log: Type.Object(
    {
      level: Type.Union(
        ["fatal", "error", "warn", "info", "debug", "trace", "silent"].map((level) => Type.Literal(level)),
        { default: "info" },
      ),
    },
    { default: {} },
  ),
  argon2: Type.Object(
    {
      maxInFlight: Type.Integer({ minimum: 1, maximum: 64, default: 4 }),
      maxWaiting: Type.Integer({ minimum: 0, maximum: 10_000, default: 200 }),
      /** How long a request may wait for the hasher before it is answered 503 with Retry-After. */
      maxWaitMilliseconds: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
    },
    { default: {} },
  ),
  worker: Type.Object(
    {
      inProcess: Type.Boolean({ default: true }),
      pollIntervalMilliseconds: Type.Integer({ minimum: 50, maximum: 60_000, default: 1000 }),
      maxDeliveryAttempts: Type.Integer({ minimum: 1, maximum: 50, default: 8 }),
      /** How often the worker deletes expired rows (and, on PGlite, refreshes statistics and reclaims space). */
      housekeepingIntervalSeconds: Type.Integer({ minimum: 10, maximum: 86_400, default: 600 }),
    },
    { default: {} },
  ),
  bench: Type.Object(
    {
      /** Skips the proof-of-work check; refused in production mode and on non-loopback listeners. */
      skipCaptcha: Type.Boolean({ default: false }),
    },
    { default: {} },
  ),
  /** How long SIGTERM waits for requests in flight and the worker's current message. */
  shutdownGraceMilliseconds: Type.Integer({ minimum: 0, maximum: 60_000, default: 10_000 }),
});

export type Config = Static<typeof ConfigSchema>;
export type SmtpConfig = Config["smtp"];
export type PhoneConfig = Config["phone"];

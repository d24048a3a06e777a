// The dependency rule of docs/architecture.md: each layer imports only what lies to its right.
const DRIVERS = "node_modules/(fastify|@fastify|kysely|pg|@electric-sql|nodemailer|i18next|pino|prom-client)/";
/** The adapters: none imports another (except that http/ may use observability/, see below). */
const ADAPTERS = "store|directory|notify|http|captcha|observability";
export default {
  forbidden: [
    {
      name: "domain-is-pure",
      severity: "error",
      from: { path: "^src/domain/" },
      // libphonenumber-js is pure data and functions (SPEC §4.3's length and prefix checks need its metadata).
      to: { pathNot: ["^src/(domain|lib)/", "node_modules/libphonenumber-js/"] },
    },
    { name: "lib-is-generic", severity: "error", from: { path: "^src/lib/" }, to: { path: "^src/(?!lib/)" } },
    {
      name: "methods-use-ports",
      severity: "error",
      from: { path: "^src/methods/" },
      to: {
        path: [
          "^src/(store|directory|notify|i18n|http|captcha|observability|cli|config)/",
          "^src/compose\\.ts$",
          DRIVERS,
        ],
      },
    },
    {
      name: "adapters-stay-apart",
      severity: "error",
      from: { path: `^src/(${ADAPTERS})/` },
      // observability/ is left out here: who may import it is the next rule's business.
      to: { path: "^src/(store|directory|notify|http|captcha)/", pathNot: "^src/$1/" },
    },
    {
      // Metrics are written by the HTTP latency hook and served on /metrics; the registry and the decorators are
      // composed above http/, so only http/ and the composing layers import them.
      name: "metrics-for-http-and-composition",
      severity: "error",
      from: {
        path: "^src/",
        pathNot: "^src/(observability/|http/|compose[a-z-]*\\.ts|app-services\\.ts|cli/|main\\.ts)",
      },
      to: { path: "^src/observability/" },
    },
    {
      name: "only-compose-picks-adapters",
      severity: "error",
      from: {
        path: "^src/",
        pathNot: "^src/(compose[a-z-]*\\.ts|cli/|main\\.ts|store/|notify/|directory/|captcha/)",
      },
      to: { path: "^src/(store|notify/channels|captcha)/" },
    },
    {
      // A process without a web app (`sandi worker`) loads no Fastify, routes or views, however deep the import.
      name: "worker-never-reaches-http",
      severity: "error",
      from: { path: "^src/cli/commands/worker\\.ts$" },
      to: { path: "^src/http/", reachable: true },
    },
    {
      // Console commands act through the admin services compose.ts builds, the same the admin portal uses.
      name: "commands-use-admin-services",
      severity: "error",
      from: { path: "^src/cli/commands/" },
      to: { path: "^src/store/repos/" },
    },
    { name: "no-circular", severity: "error", from: {}, to: { circular: true } },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
  },
};

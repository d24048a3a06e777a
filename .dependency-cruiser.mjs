// The dependency rule of docs/architecture.md: each layer imports only what lies to its right.
const DRIVERS = "node_modules/(fastify|@fastify|kysely|pg|@electric-sql|nodemailer|i18next|pino|prom-client)/";
export default {
  forbidden: [
    {
      name: "domain-is-pure",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: "^src/(domain|lib)/" },
    },
    { name: "lib-is-generic", severity: "error", from: { path: "^src/lib/" }, to: { path: "^src/(?!lib/)" } },
    {
      name: "methods-use-ports",
      severity: "error",
      from: { path: "^src/methods/" },
      to: { path: ["^src/(store|directory|notify|i18n|http|cli|config)/", "^src/compose\\.ts$", DRIVERS] },
    },
    {
      name: "adapters-stay-apart",
      severity: "error",
      from: { path: "^src/(store|directory|notify|http)/" },
      to: { path: "^src/(store|directory|notify|http)/", pathNot: "^src/$1/" },
    },
    {
      name: "only-compose-picks-adapters",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(compose[a-z-]*\\.ts|cli/|main\\.ts|store/|notify/|directory/)" },
      to: { path: "^src/(store|notify/channels)/" },
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

/** `sandi config check`: prints the effective configuration as YAML, secrets redacted (invalid: the CLI lists every error). */
import { stringify } from "yaml";
import { redactConfig } from "../../config/load-config.js";
import { type ConfigCommand, EXIT } from "../command.js";

const check: ConfigCommand = {
  kind: "config",
  name: "config check",
  usage: "",
  summary: "validate the configuration and print it with secrets redacted",
  positionals: { min: 0, max: 0 },
  run(_args, { config, configSource, io }) {
    io.out(
      `# Effective configuration (${configSource === null ? "no file; defaults and environment" : `file ${configSource}, then environment`})`,
    );
    for (const line of stringify(redactConfig(config), { lineWidth: 0 }).trimEnd().split("\n")) io.out(line);
    io.out("# The configuration is valid.");
    return Promise.resolve(EXIT.ok);
  },
};

/** `config check`. */
export const CONFIG_COMMANDS: readonly ConfigCommand[] = [check];

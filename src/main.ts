/** Process entry: hands argv to the CLI and sets the exit code. */
import { runCli } from "./cli/cli.js";

const exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = exitCode;

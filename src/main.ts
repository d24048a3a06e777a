/** Process entry: hands argv to the CLI and sets the exit code. */
import { runCli } from "./cli/cli.js";

// A reader that goes away (`sandi audit tail | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr])
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });

const exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
});
process.exitCode = exitCode;

#!/usr/bin/env node
// The `sandi` binary: registers tsx so Node runs the TypeScript sources, then starts src/main.ts.
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");

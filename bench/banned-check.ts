/**
 * The banned-password check's cost (SPEC §7.3: p95 ≤ 50 ms for a 256-character password against 100,000 terms):
 * how long the shipped global list takes to load and index, the heap it holds, and the check's p50/p95/max for
 * 256-character passwords, random and adversarial (full of one-edit near-misses of list terms). Run alone with
 *   npx tsx --expose-gc bench/banned-check.ts        (add --json for the numbers only)
 * and as part of `npm run bench`, which runs it in a child process of its own so the heap is the list's alone.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { GLOBAL_LIST_URL, readTermFile } from "../src/compose-passwords.js";
import { type BannedCheckTerms, createBannedPasswordList } from "../src/domain/passwords/banned-list.js";

const LENGTH = 256;
const RUNS = 400;
const WARM_UP = 40;

/** p50, p95 and the maximum of one series, in milliseconds. */
export interface Percentiles {
  readonly p50_ms: number;
  readonly p95_ms: number;
  readonly max_ms: number;
}

export interface BannedCheckResult {
  readonly globalTerms: number;
  readonly loadMilliseconds: number;
  /** Heap (V8 heap plus typed-array buffers) held by the indexed list, after a full GC when --expose-gc is on. */
  readonly heapMegabytes: number;
  readonly gcExposed: boolean;
  /** The check as shipped: G (a whole-password check at this length), 1,000 custom terms, user terms. */
  readonly random256: Percentiles;
  readonly adversarial256: Percentiles;
  /** G scored term by term over every span of 256 characters, as if the long-password rule did not exist. */
  readonly globalScored256: Percentiles;
  /** 14 characters (below the long-password rule): G scored term by term, with C and U. */
  readonly short14: Percentiles;
}

/** A deterministic stream (mulberry32), so two runs check the same passwords. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("nothing to pick from");
  return item;
}

const PRINTABLE = Array.from({ length: 95 }, (_, index) => String.fromCharCode(32 + index));

function randomPassword(random: () => number, length: number): string {
  return Array.from({ length }, () => pick(PRINTABLE, random)).join("");
}

/** A list term with one character replaced, inserted or deleted: every span is a near-miss to search. */
function nearMiss(term: string, random: () => number): string {
  const at = Math.floor(random() * term.length);
  const edit = Math.floor(random() * 3);
  const letter = pick(PRINTABLE, random);
  if (edit === 0) return term.slice(0, at) + letter + term.slice(at + 1);
  if (edit === 1) return term.slice(0, at) + letter + term.slice(at);
  return term.slice(0, at) + term.slice(at + 1);
}

function adversarialPassword(terms: readonly string[], random: () => number): string {
  let password = "";
  while (password.length < LENGTH) password += nearMiss(pick(terms, random), random);
  return Array.from(password).slice(0, LENGTH).join("");
}

function percentiles(series: number[]): Percentiles {
  const sorted = [...series].sort((left, right) => left - right);
  const at = (share: number): number => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
  const round = (value: number): number => Number(value.toFixed(3));
  return { p50_ms: round(at(0.5)), p95_ms: round(at(0.95)), max_ms: round(sorted.at(-1) ?? 0) };
}

function timeChecks(check: (password: string) => unknown, passwords: readonly string[]): Percentiles {
  for (const password of passwords.slice(0, WARM_UP)) check(password);
  const series = passwords.map((password) => {
    const started = performance.now();
    check(password);
    return performance.now() - started;
  });
  return percentiles(series);
}

function heapBytes(): number {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.arrayBuffers;
}

/** Loads the shipped list, then times the check; the heap figure is read before anything else is allocated. */
export function measureBannedCheck(): BannedCheckResult {
  const before = heapBytes();
  const started = performance.now();
  const globalTerms = readTermFile(GLOBAL_LIST_URL);
  const list = createBannedPasswordList(globalTerms);
  const loadMilliseconds = performance.now() - started;
  const heapMegabytes = (heapBytes() - before) / 2 ** 20;
  const random = seeded(9);
  const fuzzyTerms = globalTerms.filter((term) => term.length >= 5);
  const custom = Array.from({ length: 1000 }, (_, index) => `kantor${String(index).padStart(4, "0")}`);
  const terms: BannedCheckTerms = { customTerms: custom, userTerms: ["dewi", "lestari", "contoh", "dewi.l"] };
  const randoms = Array.from({ length: RUNS }, () => randomPassword(random, LENGTH));
  const adversarial = Array.from({ length: RUNS }, () => adversarialPassword(fuzzyTerms, random));
  const shorts = Array.from({ length: RUNS }, () => adversarialPassword(fuzzyTerms, random).slice(0, 14));
  // G as a custom list: the same index, scored over every span whatever the length.
  const scoredAsCustom = createBannedPasswordList([]);
  const allScored: BannedCheckTerms = { customTerms: globalTerms, userTerms: terms.userTerms };
  return {
    globalTerms: list.globalSize,
    loadMilliseconds: Number(loadMilliseconds.toFixed(1)),
    heapMegabytes: Number(heapMegabytes.toFixed(1)),
    gcExposed: typeof globalThis.gc === "function",
    random256: timeChecks((password) => list.check(password, terms), randoms),
    adversarial256: timeChecks((password) => list.check(password, terms), adversarial),
    globalScored256: timeChecks((password) => scoredAsCustom.check(password, allScored), adversarial),
    short14: timeChecks((password) => list.check(password, terms), shorts),
  };
}

/** For `npm run bench`: the measurement in a child process (tsx's loader inherited, GC exposed). */
export function measureBannedCheckInChild(): Promise<BannedCheckResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ["--ipc"], {
      execArgv: [...process.execArgv, "--expose-gc"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.once("message", (message) => resolve(message as BannedCheckResult));
    child.once("exit", (code) => {
      if (code !== 0) reject(new Error(`bench/banned-check.ts exited with ${String(code)}`));
    });
  });
}

/** One line per figure, for the console. */
export function formatBannedCheck(result: BannedCheckResult): string {
  const row = (name: string, p: Percentiles): string =>
    `  ${name.padEnd(44)} p50 ${p.p50_ms.toFixed(2)} ms, p95 ${p.p95_ms.toFixed(2)} ms, max ${p.max_ms.toFixed(2)} ms`;
  return [
    `banned check: ${String(result.globalTerms)} global terms loaded and indexed in ${String(result.loadMilliseconds)} ms, ` +
      `heap ${String(result.heapMegabytes)} MB${result.gcExposed ? "" : " (no --expose-gc: approximate)"}`,
    row("random, 256 characters (as shipped)", result.random256),
    row("adversarial near-misses, 256 (as shipped)", result.adversarial256),
    row("G scored over 256 (no long-password rule)", result.globalScored256),
    row("adversarial, 14 characters (G scored)", result.short14),
  ].join("\n");
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = measureBannedCheck();
  if (process.argv.includes("--ipc")) process.send?.(result, () => process.exit(0));
  else
    process.stdout.write(
      process.argv.includes("--json") ? `${JSON.stringify(result, null, 2)}\n` : `${formatBannedCheck(result)}\n`,
    );
}

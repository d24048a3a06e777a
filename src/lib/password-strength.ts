/**
 * An advisory strength score (zxcvbn-ts: 0 = too guessable … 4 = very unguessable) with the common, English and
 * Indonesian dictionaries, computed on a worker thread. zxcvbn is synchronous and slow on long random input (a
 * 64-character string takes 0.3–2 s on a busy 2-core machine), so on the main thread one score would stall every other
 * request; on its own thread it stalls nothing. The thread starts (and loads about 9 MB of dictionaries) on the first
 * score, not at start. A score is advice: when the thread is busy or slow, the answer is null rather than a wait.
 */
import { Worker } from "node:worker_threads";

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/**
 * zxcvbn's time grows steeply with length, so only this many code points are scored (SPEC §6.7); a longer password is
 * never weaker than its first 64 characters.
 */
export const STRENGTH_SCORED_LENGTH = 64;

/** Scores the thread may have in hand; beyond this a request gets null at once, so its backlog stays short. */
const MAX_PENDING = 8;
/** How long a request waits for its score; the typing user gets the checklist on time, the bar on the next answer. */
const ANSWER_WITHIN_MILLISECONDS = 3000;

interface Pending {
  readonly resolve: (score: StrengthScore | null) => void;
  readonly timer: NodeJS.Timeout;
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, Pending>();
/** Scores posted to the thread and not yet answered, timed-out ones included: what the thread still has to do. */
let inThread = 0;

/** The worker file beside this one: `.ts` under tsx and vitest, `.js` in the compiled build. */
function workerUrl(): URL {
  const extension = import.meta.url.endsWith(".ts") ? ".ts" : ".js";
  return new URL(`./password-strength-worker${extension}`, import.meta.url);
}

function settle(id: number, score: StrengthScore | null): void {
  const waiting = pending.get(id);
  if (waiting === undefined) return;
  pending.delete(id);
  clearTimeout(waiting.timer);
  waiting.resolve(score);
}

/** A failed or exited thread answers everything waiting with null; the next score starts a new one. */
function forgetWorker(): void {
  worker = null;
  inThread = 0;
  for (const id of [...pending.keys()]) settle(id, null);
}

function startedWorker(): Worker {
  if (worker !== null) return worker;
  const started = new Worker(workerUrl());
  // The thread never keeps the process alive: a server closing, or a test ending, does not wait for it.
  started.unref();
  started.on("message", (message: { id: number; score: StrengthScore }) => {
    inThread = Math.max(0, inThread - 1);
    settle(message.id, message.score);
  });
  started.on("error", forgetWorker);
  started.on("exit", forgetWorker);
  worker = started;
  return started;
}

/**
 * Scores the first 64 code points of `password`; `userInputs` (names and the like) count as guessable words. Null
 * when the scorer is busy (more than 8 waiting), slower than 3 s, or failed.
 */
export async function scoreStrength(password: string, userInputs: readonly string[]): Promise<StrengthScore | null> {
  const scored = Array.from(password).slice(0, STRENGTH_SCORED_LENGTH).join("");
  if (scored === "") return 0;
  if (inThread >= MAX_PENDING) return null;
  const inputs = userInputs.map((input) => input.trim()).filter((input) => input !== "");
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => settle(id, null), ANSWER_WITHIN_MILLISECONDS);
    timer.unref();
    pending.set(id, { resolve, timer });
    inThread++;
    startedWorker().postMessage({ id, password: scored, inputs });
  });
}

/**
 * Starts the thread (and its dictionary load) ahead of the first score: a page about to ask for scores calls it, so
 * the first answer is not the one that waits for the dictionaries.
 */
export function warmStrengthScorer(): void {
  startedWorker();
}

/** Ends the scorer's thread (tests, and a clean shutdown); a later score starts a new one. */
export async function stopStrengthScorer(): Promise<void> {
  const running = worker;
  forgetWorker();
  await running?.terminate();
}

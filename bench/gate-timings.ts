/**
 * Issue 11 item 12's timings: each gate kind's opening (POST /reset/method) and a wrong submission (POST
 * /reset/step), and the unlock-only choice (POST /reset/action), for known users against unknown IDs, floors at 0.
 * Known and unknown run in one load on the same connections, alternating every half second (runAlternating), so a
 * shared machine's drift falls on both alike; every request acts on a flow of its own (seed-gate-flows.ts).
 */
import type { ServerProcess } from "./ipc.js";
import { type BenchRequest, type LoadResult, runAlternating } from "./load.js";
import { formPost } from "./scenarios.js";
import type { GateSeedRequest, GateTicket, Who } from "./seed-gate-flows.js";

/**
 * Seconds each step is measured (SANDI_BENCH_GATE_SECONDS overrides), after a warm-up of two slices; the slices
 * then run unknown, known, known, unknown, … so a steady drift of the machine falls on both sides alike.
 */
const WINDOW_SECONDS = Number(process.env.SANDI_BENCH_GATE_SECONDS ?? 4);
const SLICE_SECONDS = 0.5;
const WARM_SECONDS = 2 * SLICE_SECONDS;
/**
 * Few connections, so a request's latency (about connections ÷ rate in a closed loop) stays well under a slice and
 * each side's answers come from its own slices; ten keep the server busy. A wrong answer set costs three Argon2id
 * verifications (about 10 rps here), so it gets two.
 */
const GATE_CONNECTIONS = 10;
const ARGON2_STEP_CONNECTIONS = 2;
/** Seeded flows per side: the rate the last step ran at, for the side's half of the run, with room to spare. */
const SEED_MARGIN = 1.6;
const SEED_EXTRA = 50;
/** The first step's seeding, before any rate is known. */
const FIRST_SEED = 1500;
/** `SANDI_BENCH_GATE_METHODS=questions,email`: only these gates (after the action choice), for a closer look. */
const ONLY_METHODS = process.env.SANDI_BENCH_GATE_METHODS?.split(",");
/** Answers every step may give: a 303 to the flow's page, or the page with its notice. */
const STEP_STATUSES = ["200", "303"];

/** One step's two loads. */
export interface GateStepTiming {
  readonly step: string;
  readonly known: LoadResult;
  readonly unknown: LoadResult;
  /** Flows seeded per side. */
  readonly seeded: number;
  /** True when a side's flows ran out and the window ended early (its seconds say how long it ran). */
  readonly ranOut: boolean;
  /** The flows each side's requests took, in seeding order (the next step's, for a gate's wrong submission). */
  readonly used: Readonly<Record<Who, readonly GateTicket[]>>;
}

interface Taker {
  next(): BenchRequest;
  readonly ranOut: () => boolean;
  readonly used: () => readonly GateTicket[];
}

/** Each request on the next unused flow; past the end the last is reused and `ranOut` ends the run. */
function taker(tickets: readonly GateTicket[], build: (ticket: GateTicket) => BenchRequest): Taker {
  let index = 0;
  return {
    next: () => {
      const ticket = tickets[Math.min(index++, tickets.length - 1)];
      if (ticket === undefined) throw new Error("no seeded flows");
      return build(ticket);
    },
    ranOut: () => index > tickets.length,
    used: () => tickets.slice(0, index),
  };
}

function onFlow(path: string, form: (ticket: GateTicket) => Record<string, string>) {
  return (ticket: GateTicket): BenchRequest =>
    formPost(path, `sandi-flow=${ticket.handle}`, { csrf: ticket.csrf, ...form(ticket) });
}

/** Runs one step: known flows and unknown ones in turn, on the same connections. */
async function measurePair(
  server: ServerProcess,
  step: string,
  tickets: Readonly<Record<Who, readonly GateTicket[]>>,
  build: (ticket: GateTicket) => BenchRequest,
  connections = GATE_CONNECTIONS,
): Promise<GateStepTiming> {
  const knownTaker = taker(tickets.known, build);
  const unknownTaker = taker(tickets.unknown, build);
  const takers = [knownTaker, unknownTaker];
  const [known, unknown] = await runAlternating({
    url: server.url,
    connections,
    seconds: WINDOW_SECONDS,
    warmSeconds: WARM_SECONDS,
    sliceSeconds: SLICE_SECONDS,
    generators: takers.map((side) => side.next),
    stopWhen: () => takers.some((side) => side.ranOut()),
  });
  if (known === undefined || unknown === undefined) throw new Error(`${step}: no result`);
  const timing = {
    step,
    known,
    unknown,
    seeded: tickets.known.length,
    ranOut: takers.some((side) => side.ranOut()),
    used: { known: knownTaker.used(), unknown: unknownTaker.used() },
  };
  process.stdout.write(`${describe(timing)}\n`);
  return timing;
}

function describe(timing: GateStepTiming): string {
  const side = (load: LoadResult) =>
    `${load.rps.toFixed(0)} rps p50 ${load.p50.toFixed(1)} ms ${JSON.stringify(load.statuses)}`;
  const short = timing.ranOut ? ` (flows ran out after ${timing.known.seconds.toFixed(1)} s a side)` : "";
  return `  ${timing.step}: known ${side(timing.known)}; unknown ${side(timing.unknown)}${short}`;
}

/** Whether a step's answers are real work: only 200/303, no errors, and the same statuses for both sides. */
export function statusesOk(timing: GateStepTiming): boolean {
  const kinds = (load: LoadResult) => Object.keys(load.statuses).sort().join(",");
  const clean = (load: LoadResult) =>
    load.requests > 0 && load.errors === 0 && Object.keys(load.statuses).every((s) => STEP_STATUSES.includes(s));
  return clean(timing.known) && clean(timing.unknown) && kinds(timing.known) === kinds(timing.unknown);
}

/** The rate a side runs at while it has the connections; NaN when the run ended before its window. */
function fastestOf(timing: GateStepTiming): number {
  return Math.max(timing.known.rps, timing.unknown.rps);
}

/** Runs `work` and says how long it took (the seeding's share of the run). */
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  process.stdout.write(`  (${label}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  return result;
}

/** Seeds both sides, `count` flows each, for a step that runs at about `rps` a side. */
async function seedBoth(
  server: ServerProcess,
  request: Omit<GateSeedRequest, "who" | "count">,
  rps: number,
): Promise<Record<Who, GateTicket[]>> {
  const count = Number.isFinite(rps)
    ? Math.ceil((rps * (WARM_SECONDS + WINDOW_SECONDS) * SEED_MARGIN) / 2) + SEED_EXTRA
    : FIRST_SEED;
  const seed = (who: Who) => server.call<GateTicket[]>("seedGateFlows", { ...request, who, count });
  return timed(`seeded 2 × ${String(count)} flows`, async () => {
    const seeded = { known: await seed("known"), unknown: await seed("unknown") };
    // Fresh planner statistics after thousands of new rows, as runFlowStep does (see the `analyze` command).
    await server.call("analyze");
    return seeded;
  });
}

/**
 * A gate's wrong submission, on the flows its opening's run took (each now at the gate; a wrong submission costs
 * more than the opening, so they last): `openGates` checks each and writes its wrong proof.
 */
async function measureWrong(server: ServerProcess, method: string, chosen: GateStepTiming): Promise<GateStepTiming> {
  const open = (side: readonly GateTicket[]) => server.call<GateTicket[]>("openGates", { method, tickets: side });
  const opened = await timed("gates checked", async () => ({
    known: await open(chosen.used.known),
    unknown: await open(chosen.used.unknown),
  }));
  const build = onFlow("/reset/step", (ticket) => ({ ...ticket.fields }));
  const name = `${method}: wrong ${opened.known[0]?.fields["step"] ?? "step"}`;
  const connections = method === "questions" ? ARGON2_STEP_CONNECTIONS : GATE_CONNECTIONS;
  return measurePair(server, name, opened, build, connections);
}

/**
 * Every step on one server: the action choice first (its unmeasured run before it warms the server and gives the
 * first rate), then for each gate the policy offers its opening and, on the same flows, a wrong submission.
 */
export async function measureGateTimings(server: ServerProcess, prefix: string): Promise<GateStepTiming[]> {
  const methods = (await server.call<string[]>("gateMethods")).filter(
    (method) => ONLY_METHODS?.includes(method) ?? true,
  );
  const chooseAction = onFlow("/reset/action", () => ({ action: "unlock" }));
  const warm = await seedBoth(server, { prefix: `${prefix}-warm`, at: "action", method: null }, Number.NaN);
  let rps = fastestOf(await measurePair(server, "warm-up (not recorded): choose action unlock", warm, chooseAction));
  const action = await seedBoth(server, { prefix: `${prefix}-action`, at: "action", method: null }, rps);
  const timings = [await measurePair(server, "choose action: unlock", action, chooseAction)];
  for (const method of methods) {
    const request = { prefix: `${prefix}-${method}`, at: "gate_select", method } as const;
    const tickets = await seedBoth(server, request as Omit<GateSeedRequest, "who" | "count">, rps);
    const choose = onFlow("/reset/method", () => ({ method }));
    const chosen = await measurePair(server, `${method}: choose`, tickets, choose);
    timings.push(chosen);
    if (Number.isFinite(fastestOf(chosen))) rps = fastestOf(chosen);
    // A well-formed wrong passkey assertion needs an authenticator (see gate-census.ts).
    if (method !== "passkey") timings.push(await measureWrong(server, method, chosen));
  }
  return timings;
}

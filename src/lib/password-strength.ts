/**
 * An advisory strength score (zxcvbn-ts: 0 = too guessable … 4 = very unguessable) with the common, English and
 * Indonesian dictionaries. The dictionaries (about 9 MB of packages) load on the first score, not at start, and the
 * factory is built once per process.
 */
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

/**
 * zxcvbn's time grows steeply with length (a random 64-character string takes about 0.3 s, 256 about 1.6 s), so only
 * this many code points are scored; a longer password is never weaker than its first 64 characters.
 */
export const STRENGTH_SCORED_LENGTH = 64;

let factory: Promise<ZxcvbnFactory> | null = null;

async function buildFactory(): Promise<ZxcvbnFactory> {
  const [core, common, en, id] = await Promise.all([
    import("@zxcvbn-ts/core"),
    import("@zxcvbn-ts/language-common"),
    import("@zxcvbn-ts/language-en"),
    import("@zxcvbn-ts/language-id"),
  ]);
  return new core.ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, ...id.dictionary },
  });
}

/** The one factory, built on first use; a failed build is forgotten so the next call tries again. */
function strengthFactory(): Promise<ZxcvbnFactory> {
  factory ??= buildFactory().catch((error: unknown) => {
    factory = null;
    throw error;
  });
  return factory;
}

/** Scores the first 64 code points of `password`; `userInputs` (names and the like) count as guessable words. */
export async function scoreStrength(password: string, userInputs: readonly string[]): Promise<StrengthScore> {
  const scored = Array.from(password).slice(0, STRENGTH_SCORED_LENGTH).join("");
  if (scored === "") return 0;
  const zxcvbn = await strengthFactory();
  const inputs = userInputs.map((input) => input.trim()).filter((input) => input !== "");
  return zxcvbn.check(scored, inputs).score;
}

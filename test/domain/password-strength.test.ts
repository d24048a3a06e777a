/**
 * The advisory strength bar's score (SPEC §6.7): zxcvbn-ts over the first 64 characters with the user's names as
 * guessable words, on its own thread. Threats: a bar that calls "WibisonoHartanto" strong for Wibisono Hartanto; a
 * long paste that stalls the server; a busy scorer that makes every check wait.
 */
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { passwordStrength, strengthInputsOf } from "../../src/domain/password-strength.js";
import { scoreStrength, STRENGTH_SCORED_LENGTH, stopStrengthScorer } from "../../src/lib/password-strength.js";

const WIBISONO = {
  userId: "wibisono.hartanto@contoh.example",
  firstName: "Wibisono",
  lastName: "Hartanto",
  displayName: "Wibisono Hartanto",
};
const NOBODY = { userId: "x@y.example", firstName: "", lastName: "", displayName: "" };

/** The thread loads its dictionaries on first use; on a busy machine that can outlast one answer's 3 s. */
async function settled(score: () => Promise<number | null>): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const answer = await score();
    if (answer !== null) return answer;
  }
  throw new Error("the scorer never answered");
}

function settledScore(password: string, inputs: readonly string[]): Promise<number> {
  return settled(() => scoreStrength(password, inputs));
}

function randomText(length: number): string {
  const alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#%&*+-=?";
  return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join("");
}

describe("password strength", () => {
  afterAll(stopStrengthScorer);

  it("the user's names lower the score of a password made of them", async () => {
    await settledScore("warm up", []);
    const stranger = await settled(() => passwordStrength("WibisonoHartanto", NOBODY, "Acme"));
    const owner = await settled(() => passwordStrength("WibisonoHartanto", WIBISONO, "Contoh Nusantara"));
    expect(stranger).toBeGreaterThanOrEqual(3);
    expect(owner).toBeLessThanOrEqual(1);
  });

  it("the organisation's name and the user-ID's pieces count as names too", () => {
    expect(strengthInputsOf(WIBISONO, "Contoh Nusantara")).toEqual(
      expect.arrayContaining([
        "Wibisono",
        "Hartanto",
        "wibisono.hartanto",
        "wibisono",
        "hartanto",
        "Contoh",
        "Nusantara",
      ]),
    );
  });

  it("scores only the first 64 characters: a long paste costs no more than 64, and a weak start stays weak", async () => {
    const weakStart = "a".repeat(STRENGTH_SCORED_LENGTH);
    const passphrase = "Kopi-Tubruk-di-Pagi-Hari";
    expect(await settledScore(passphrase, [])).toBe(4);
    expect(await settledScore(`${weakStart}${passphrase}`, [])).toBe(await settledScore(weakStart, []));
    expect(await settledScore(weakStart, [])).toBe(0);
  });

  it("a busy scorer answers null at once instead of queueing more work", async () => {
    await stopStrengthScorer();
    const answers = await Promise.all(Array.from({ length: 20 }, () => scoreStrength(randomText(64), [])));
    expect(answers.slice(8).every((answer) => answer === null)).toBe(true);
  });
});

/**
 * Threat: an attacker learns which accounts exist, which have security questions, or which are privileged, from
 * the questions gate (SPEC §6.4 item 5): by the page's shape or number of questions, by the questions changing on
 * every visit (a real set shows the same few), or by the API's step descriptor. Until a gate is passed, every ID
 * walks the same pages; only the questions' texts differ, as they differ between two real users.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApp } from "../../support/build-test-app.js";
import { buildResetTestApp } from "../../support/reset-test-app.js";
import { createPageClient, type PageClient, type PageResponse } from "../../support/page-client.js";
import {
  answerQuestions,
  askedQuestionIds,
  chooseQuestions,
  FIVE_ANSWERS,
  seedQuestionSet,
} from "../../support/questions-gate-journey.js";
import { currentCsrf, submitUserId } from "../../support/reset-journey.js";
import { type ApiResponse, createApiClient, tokenOf } from "../api/api-client.js";

const WITH_QUESTIONS = "fitri@contoh.example";
const WITHOUT_QUESTIONS = "budi@contoh.example";
const PRIVILEGED = "ayu@contoh.example";
const DISABLED = "rudi@contoh.example";
const UNKNOWN = "nobody-here@contoh.example";
let nextIp = 1;

function browser(t: TestApp): PageClient {
  return createPageClient(t.app, { ip: `10.67.0.${String(nextIp++)}` });
}

/**
 * What an observer can compare: flow-bound tokens, support codes, cookie values and dates removed, and each
 * question's text and id replaced by a placeholder (they differ between any two sets, real or stand-in).
 */
function comparable(response: PageResponse): object {
  const headers = { ...response.headers };
  delete headers.date;
  delete headers["set-cookie"];
  delete headers["content-length"];
  const cookieShapes = response.setCookies.map((line) =>
    line.replace(/=([^;]*)/, (_m, value: string) => `=<${String(value.length)}>`),
  );
  const body = response.body
    .replace(/name="(csrf|form)" value="[^"]+"/g, 'name="$1" value="…"')
    .replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, "XXXX-XXXX")
    .replace(/<label for="answer-[^"]+">[^<]*<\/label>/g, '<label for="answer-…">…</label>')
    .replace(/"answer-[^"]+"/g, '"answer-…"');
  return { status: response.status, location: response.location, headers, cookieShapes, body };
}

/** Every page of the gate before it is passed: choose, the questions, a malformed set, a wrong set, the redraw. */
async function walk(client: PageClient, userId: string): Promise<{ steps: object[]; counts: number[] }> {
  const steps: PageResponse[] = [await submitUserId(client, userId), await client.get("/reset/verify")];
  steps.push(await chooseQuestions(client), await client.get("/reset/verify"));
  let first = true;
  steps.push(
    await answerQuestions(client, () => {
      const answer = first ? "ab" : "tidak tahu sama sekali";
      first = false;
      return answer;
    }),
  );
  steps.push(await answerQuestions(client, () => "tidak tahu sama sekali"), await client.get("/reset/verify"));
  const counts = steps.slice(3).map((step) => askedQuestionIds(step.body).length);
  return { steps: steps.map(comparable), counts };
}

/** The questions one visit to the gate asks, as a new flow from a new address. */
async function questionsOfOneVisit(t: TestApp, userId: string): Promise<string[]> {
  const client = browser(t);
  await submitUserId(client, userId);
  await chooseQuestions(client);
  return askedQuestionIds((await client.get("/reset/verify")).body);
}

describe("the questions gate and anti-enumeration", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildResetTestApp({
      policy: { "methods.securityQuestions": "on" },
      users: [
        { userId: WITH_QUESTIONS, verifiedEmail: "fitri@mail.example" },
        { userId: WITHOUT_QUESTIONS, verifiedEmail: "budi@mail.example" },
        { userId: PRIVILEGED, verifiedEmail: "ayu@mail.example", passkey: true, roles: ["user_admin"] },
        { userId: DISABLED, verifiedEmail: "rudi@mail.example", enabled: false },
      ],
    });
    for (const userId of [WITH_QUESTIONS, PRIVILEGED, DISABLED]) await seedQuestionSet(t, userId);
  });
  afterAll(async () => t.close());

  it("an unknown ID sees the same pages and the same number of questions as a user with questions, at every step", async () => {
    const known = await walk(browser(t), WITH_QUESTIONS);
    expect(known.counts).toEqual([3, 3, 3, 3]);
    const unknown = await walk(browser(t), UNKNOWN);
    expect(unknown.counts).toEqual(known.counts);
    expect(unknown.steps).toEqual(known.steps);
  });

  it("a user without questions, a privileged user and a disabled account walk the same pages too", async () => {
    const baseline = await walk(browser(t), "ghost@contoh.example");
    for (const userId of [WITHOUT_QUESTIONS, PRIVILEGED, DISABLED]) {
      const other = await walk(browser(t), userId);
      expect(other.counts, userId).toEqual(baseline.counts);
      expect(other.steps, userId).toEqual(baseline.steps);
    }
  });

  it("an unknown ID is asked from the same few questions on every visit, as a real set would be", async () => {
    const real = new Set<string>();
    const unknown = new Set<string>();
    for (let visit = 0; visit < 8; visit++) {
      for (const id of await questionsOfOneVisit(t, WITH_QUESTIONS)) real.add(id);
      for (const id of await questionsOfOneVisit(t, "stranger@contoh.example")) unknown.add(id);
    }
    // Eight draws of 3 from the whole pool of 35 would show far more than 5 (the set size, questions.toRegister).
    for (const id of real) expect(FIVE_ANSWERS.map((entry) => entry.questionId)).toContain(id);
    expect(unknown.size).toBeLessThanOrEqual(5);
    expect(unknown.size).toBeGreaterThanOrEqual(3);
  });

  it("the API's questions step has the same shape for an unknown ID, with each question's text in the request's language", async () => {
    const api = createApiClient(t.app);
    const probe = async (userId: string): Promise<ApiResponse[]> => {
      const token = tokenOf(await api.start(userId, { "accept-language": "id" }));
      const chosen = await api.step("/method", token, { method: "questions" }, { "accept-language": "id" });
      const fields = Object.fromEntries(
        (chosen.body.flow?.step?.fields ?? []).map((field) => [field.name, "tidak tahu sama sekali"]),
      );
      const wrong = await api.step("/step", token, { step: "answer_questions", fields }, { "accept-language": "id" });
      return [chosen, wrong];
    };
    const known = await probe(WITH_QUESTIONS);
    const unknown = await probe(UNKNOWN);
    const field = known[0]?.body.flow?.step?.fields[0];
    expect(field).toMatchObject({ input: "answer", maxLength: 200 });
    expect(field?.name).toBe(`answer-${field?.questionId ?? ""}`);
    expect(field?.question).toMatch(/ Anda.*\?$/);
    expect(known[0]?.body.flow?.step?.fields.map((entry) => entry.question)).not.toContain(undefined);
    expect(known[1]?.body.messages).toEqual([
      { code: "SND-208", text: "Satu atau beberapa jawaban salah. Kami telah memilih pertanyaan baru." },
    ]);
    const shape = (response: ApiResponse | undefined) => ({
      status: response?.status,
      state: response?.body.flow?.state,
      step: { ...response?.body.flow?.step, fields: response?.body.flow?.step?.fields.length },
      messages: response?.body.messages,
    });
    expect(unknown.map(shape)).toEqual(known.map(shape));
  });

  it("the page asks the questions in Indonesian with ?lang=id", async () => {
    const client = browser(t);
    await submitUserId(client, WITH_QUESTIONS);
    await client.post("/reset/method", { csrf: await currentCsrf(client), method: "questions" });
    const page = (await client.get("/reset/verify?lang=id")).body;
    expect(page).toContain('<html lang="id">');
    expect(page).toContain("Jawab 3 pertanyaan keamanan berikut");
    const indonesian = [
      "Apa nama hewan peliharaan pertama Anda?",
      "Di kota mana Anda pertama kali bekerja?",
      "Apa nama sekolah pertama Anda?",
      "Apa nama panggilan masa kecil Anda?",
      "Ke kota mana penerbangan pertama Anda?",
    ];
    expect(indonesian.filter((text) => page.includes(text))).toHaveLength(3);
  });
});

/**
 * The strength scorer's thread: builds zxcvbn-ts with the common, English and Indonesian dictionaries once, then
 * answers `{ id, password, inputs }` with `{ id, score }`. Kept free of relative imports and of TypeScript that needs
 * compiling, so Node 24 runs it as it is (type stripping) under tsx, vitest and the compiled build alike.
 */
import { parentPort } from "node:worker_threads";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as enDictionary } from "@zxcvbn-ts/language-en";
import { dictionary as idDictionary } from "@zxcvbn-ts/language-id";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";

interface ScoreRequest {
  readonly id: number;
  readonly password: string;
  readonly inputs: string[];
}

const zxcvbn = new ZxcvbnFactory({
  graphs: adjacencyGraphs,
  dictionary: { ...commonDictionary, ...enDictionary, ...idDictionary },
});

parentPort?.on("message", (request: ScoreRequest) => {
  const score = zxcvbn.check(request.password, request.inputs).score;
  parentPort?.postMessage({ id: request.id, score });
});

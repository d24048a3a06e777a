/** JSON body templates: placeholders checked at load, values escaped so they can never change the body's shape. */
import { describe, expect, it } from "vitest";
import { checkJsonTemplate, fillJsonTemplate, jsonTemplatePlaceholders } from "../../src/lib/json-template.js";

const NAMES = { allowed: ["to", "toDigits", "message"], required: [["to", "toDigits"], ["message"]] };

describe("json-template", () => {
  it("lists the placeholders once each, tolerating spaces inside the braces", () => {
    expect(jsonTemplatePlaceholders('{"a":"{{to}}","b":"{{ message }}","c":"{{to}}"}')).toEqual(["to", "message"]);
  });

  it("accepts a template whose placeholders sit inside strings, with either alternative", () => {
    expect(checkJsonTemplate('{"to":"{{toDigits}}","m":["{{message}}"]}', NAMES)).toBeNull();
  });

  it("names the problem: unknown, missing, or not JSON", () => {
    expect(checkJsonTemplate('{"to":"{{to}}","m":"{{message}}","x":"{{secret}}"}', NAMES)).toBe(
      "unknown placeholder {{secret}}",
    );
    expect(checkJsonTemplate('{"m":"{{message}}"}', NAMES)).toBe("missing placeholder {{to}} or {{toDigits}}");
    expect(checkJsonTemplate('{"to":{{to}},"m":"{{message}}"}', NAMES)).toMatch(/^not JSON/);
  });

  it("escapes values and expands in one pass", () => {
    const filled = fillJsonTemplate('{"m":"{{message}}","to":"{{to}}"}', { message: '"}, "x": "{{to}}\n', to: "+62" });
    expect(JSON.parse(filled)).toEqual({ m: '"}, "x": "{{to}}\n', to: "+62" });
  });

  it("fills a value it was not given with nothing", () => {
    expect(fillJsonTemplate('{"e":"{{extension}}"}', {})).toBe('{"e":""}');
  });
});

/** A page response with what differs by design between two users removed, for the equal-response (enumeration) tests. */
import type { PageResponse } from "./page-client.js";

/** Removes flow-bound form tokens, support codes, cookie values and dates; keeps everything else. */
export function comparablePage(response: PageResponse): object {
  const headers = { ...response.headers };
  delete headers.date;
  delete headers["set-cookie"];
  const cookieShapes = response.setCookies.map((line) =>
    line.replace(/=([^;]*)/, (_m, value: string) => `=<${String(value.length)}>`),
  );
  const body = response.body
    .replace(/name="(csrf|form)" value="[^"]+"/g, 'name="$1" value="…"')
    .replace(/[A-Z0-9]{4}-[A-Z0-9]{4}/g, "XXXX-XXXX");
  return { status: response.status, location: response.location, headers, cookieShapes, body };
}

/** Email addresses: normalised for matching and recipient limits, masked for display (SPEC §4.2). */

/** trim, NFKC, lowercase, domain to ASCII; null when it is not an address. */
export function normaliseEmailAddress(typed: string): string | null {
  const value = typed.trim().normalize("NFKC").toLowerCase();
  const at = value.lastIndexOf("@");
  if (at <= 0 || at === value.length - 1 || value.length > 254 || /\s/.test(value)) return null;
  const local = value.slice(0, at);
  const domain = domainToASCII(value.slice(at + 1));
  if (domain === null) return null;
  if (!domain.includes(".") || local.length > 64) return null;
  return `${local}@${domain}`;
}

/** The ASCII (punycode) form of a domain, through the WHATWG URL parser; null when it is not a host name. */
function domainToASCII(domain: string): string | null {
  if (!/^[^\s/?#@:[\]\\]+$/u.test(domain)) return null;
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return null;
  }
}

const TWO_LABEL_SUFFIXES = new Set(["co.id", "ac.id", "go.id", "or.id", "co.uk", "ac.uk", "com.au", "co.jp"]);

/** `b***@g***.com`: always three asterisks, so the mask never reveals length. */
export function maskEmailAddress(address: string): string {
  const at = address.lastIndexOf("@");
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split(".");
  const lastTwo = labels.slice(-2).join(".");
  const suffix = labels.length > 2 && TWO_LABEL_SUFFIXES.has(lastTwo) ? lastTwo : (labels.at(-1) ?? "");
  return `${local.slice(0, 1)}***@${(labels[0] ?? "").slice(0, 1)}***.${suffix}`;
}

/**
 * Where a security notice goes: every verified email address and the directory's address, each once. Notices are
 * exempt from the recipient limits (SPEC §8.2): only a completed reset or change sends one.
 */
export function noticeRecipients(user: { readonly email: string | null }, verifiedEmails: readonly string[]): string[] {
  const directoryMail = user.email === null ? null : normaliseEmailAddress(user.email);
  return [...new Set([...verifiedEmails, ...(directoryMail === null ? [] : [directoryMail])])];
}

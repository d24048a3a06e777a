/** Loads the ALTCHA widget and registers its solver workers from Sandi's own origin (no blob: workers, strict CSP). */
import "/vendor/altcha/altcha.min.js";
import "/vendor/altcha/i18n/id.js";

// Runs right after the widget module has defined globalThis.$altcha and before any widget starts solving.
const altcha = globalThis.$altcha;
for (const algorithm of ["PBKDF2/SHA-256", "PBKDF2/SHA-384", "PBKDF2/SHA-512"])
  altcha.algorithms.set(algorithm, () => new Worker("/vendor/altcha/workers/pbkdf2.js"));
for (const algorithm of ["SHA-256", "SHA-384", "SHA-512"])
  altcha.algorithms.set(algorithm, () => new Worker("/vendor/altcha/workers/sha.js"));

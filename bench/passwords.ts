/** The passwords of the seeded users: a current one and 5 in the history, and the new one the bench sets. */

/** The current password, then the 5 history entries: a new password that differs from all costs 1 + 5 + 1 Argon2 operations. */
export const OLD_PASSWORDS = [
  "Lama-Sandi-0000",
  "Lama-Sandi-1111",
  "Lama-Sandi-2222",
  "Lama-Sandi-3333",
  "Lama-Sandi-4444",
  "Lama-Sandi-5555",
];

/** The new password every `new password` request sets: it passes the rules and matches no old one. */
export const NEW_PASSWORD = "Kupu-Kupu-Terbang-Tinggi-2026";

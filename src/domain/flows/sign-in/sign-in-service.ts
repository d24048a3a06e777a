/** Sign-in to Sandi's own pages (users and admins): password check, smart lockout (SPEC §8.3), server-side sessions. */
import type { Outcome } from "../../../lib/outcome.js";
import type { DirectoryUser, Session } from "../../ports.js";

export interface SignInCaller {
  readonly ip: string;
  readonly client: string;
  readonly lang: "en" | "id";
}

/** Wrong password and locked account look the same to the user (SPEC §8.3); SND-306 only after a right password. */
export type SignInFailure = "SND-113" | "signin_failed" | "SND-306";

export interface SignInService {
  /** Checks the password (a dummy Argon2id verify for unknown IDs) under smart lockout; creates a session. */
  signIn(input: { typedUserId: string; password: string; caller: SignInCaller }): Promise<
    Outcome<{ sessionToken: string; user: DirectoryUser; lockedMinutes?: never }, SignInFailure> & {
      /** Minutes left on the lock, when the ID is locked (shown in the shared message). */
      lockedMinutes?: number;
    }
  >;
  /** The live session behind a cookie token (idle 30 min, absolute 8 h), touching it; null when none. */
  sessionUser(token: string | undefined): Promise<{ session: Session; user: DirectoryUser } | null>;
  /** Ends the session on the server. */
  signOut(token: string | undefined, caller: SignInCaller): Promise<void>;
}

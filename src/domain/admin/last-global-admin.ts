/**
 * Sandi always keeps one enabled Global admin (SPEC §2: only a GA edits the policy and assigns roles; the readiness
 * checker wants two). Deleting, disabling or demoting the last one is refused; `sandi admin recover` is for a last
 * GA who is locked out, not for an organisation with none.
 */
import type { TransactionStores } from "../ports.js";
import type { AdminUserView } from "./admin-user-view.js";

/**
 * True when `user` holds Global admin and no other enabled Global admin exists (counted under a lock). A disabled
 * last Global admin counts too: `sandi admin recover` can enable them again, which it cannot once they are gone.
 */
export async function isLastGlobalAdmin(
  stores: Pick<TransactionStores, "directoryAdmin">,
  user: Pick<AdminUserView, "ref" | "roles">,
): Promise<boolean> {
  if (!user.roles.includes("global_admin")) return false;
  return (await stores.directoryAdmin.countOtherGlobalAdmins(user.ref)) === 0;
}

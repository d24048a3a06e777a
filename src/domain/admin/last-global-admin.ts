/**
 * Sandi always keeps one enabled Global admin (SPEC §2: only a GA edits the policy and assigns roles; the readiness
 * checker wants two). Deleting, disabling or demoting the last one is refused; `sandi admin recover` is for a last
 * GA who is locked out, not for an organisation with none.
 */
import type { TransactionStores } from "../ports.js";
import type { AdminUserView } from "./admin-user-view.js";

/** True when taking `user`'s Global admin power away would leave no enabled Global admin (checked under a lock). */
export async function isLastGlobalAdmin(
  stores: Pick<TransactionStores, "directoryAdmin">,
  user: Pick<AdminUserView, "ref" | "roles" | "enabled">,
): Promise<boolean> {
  if (!user.roles.includes("global_admin") || !user.enabled) return false;
  return (await stores.directoryAdmin.countOtherGlobalAdmins(user.ref)) === 0;
}

/** The people of the demo organisation "Contoh Nusantara": admins, staff and troubleshooter fixtures. */
import type { AdminRole } from "../domain/users.js";

export interface DemoPerson {
  /** The part of the user ID before `@contoh.example`. */
  readonly local: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly role: AdminRole | null;
  readonly groups: readonly string[];
  /** Has a registered, verified email method at `<local>@mail.contoh.example` (not the user ID's address). */
  readonly verifiedEmail: boolean;
  readonly disabled: boolean;
  readonly adminLocked: boolean;
  /** What the account shows in the troubleshooter, printed next to its password. */
  readonly note: string | null;
}

/** Groups of the demo; "Kontraktor" is excluded from SSPR by the demo policy. */
export const DEMO_GROUPS = ["Staf", "Pilot SSPR", "Kontraktor"] as const;

const PLAIN = { role: null, verifiedEmail: false, disabled: false, adminLocked: false, note: null } as const;

function admin(local: string, firstName: string, lastName: string, role: AdminRole): DemoPerson {
  const note = `registered email ${local}@mail.contoh.example and a mobile phone (texts show in /dev/outbox)`;
  return { ...PLAIN, local, firstName, lastName, role, groups: ["Staf"], verifiedEmail: true, note };
}

function staff(local: string, firstName: string, lastName: string, extra: Partial<DemoPerson> = {}): DemoPerson {
  return { ...PLAIN, local, firstName, lastName, groups: ["Staf", "Pilot SSPR"], ...extra };
}

/** One user per admin role. */
export const DEMO_ADMINS: readonly DemoPerson[] = [
  admin("admin", "Ayu", "Lestari", "global_admin"),
  admin("useradmin", "Rudi", "Hartono", "user_admin"),
  admin("helpdesk", "Dewi", "Anggraini", "helpdesk_admin"),
  admin("passwordadmin", "Agus", "Setiawan", "password_admin"),
  admin("reports", "Rina", "Kusuma", "reports_reader"),
];

/** 20 ordinary users; four of them are troubleshooter fixtures. */
export const DEMO_USERS: readonly DemoPerson[] = [
  staff("budi.santoso", "Budi", "Santoso", {
    verifiedEmail: true,
    note: "try a reset: choose email, type budi.santoso@mail.contoh.example; the code is in /dev/outbox",
  }),
  staff("siti.rahayu", "Siti", "Rahayu", { disabled: true, note: "disabled: a reset looks the same, nothing is sent" }),
  staff("andi.pratama", "Andi", "Pratama", {
    adminLocked: true,
    note: "locked by an admin: a reset looks the same, nothing is sent",
  }),
  staff("teguh.wibowo", "Teguh", "Wibowo", {
    groups: ["Staf", "Kontraktor"],
    note: "out of scope (Kontraktor is excluded): nothing is sent",
  }),
  staff("putri.maharani", "Putri", "Maharani", { verifiedEmail: false }),
  staff("eko.prasetyo", "Eko", "Prasetyo", { verifiedEmail: true }),
  staff("fitri.handayani", "Fitri", "Handayani", { verifiedEmail: true }),
  staff("joko.susilo", "Joko", "Susilo"),
  staff("wahyu.hidayat", "Wahyu", "Hidayat"),
  staff("nur.aini", "Nur", "Aini"),
  staff("bayu.saputra", "Bayu", "Saputra"),
  staff("indah.permata", "Indah", "Permata"),
  staff("hendra.gunawan", "Hendra", "Gunawan"),
  staff("maya.sari", "Maya", "Sari"),
  staff("rizky.ramadhan", "Rizky", "Ramadhan"),
  staff("yuni.astuti", "Yuni", "Astuti"),
  staff("dimas.anggara", "Dimas", "Anggara"),
  staff("lina.marlina", "Lina", "Marlina"),
  staff("fajar.nugroho", "Fajar", "Nugroho"),
  staff("ratna.dewi", "Ratna", "Dewi"),
];

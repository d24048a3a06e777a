/** Cookie names and options, chosen together from the public URL: `__Host-` needs `Secure`, so plain names only on http://localhost. */
export type CookieId = "session" | "flow" | "lang" | "form" | "passkey";

export interface CookieSettings {
  readonly secure: boolean;
  name(id: CookieId): string;
}

/** Cookie settings for a public URL. */
export function createCookieSettings(publicUrl: URL): CookieSettings {
  const secure = publicUrl.protocol === "https:";
  return { secure, name: (id) => (secure ? `__Host-sandi-${id}` : `sandi-${id}`) };
}

/** Options for an HttpOnly cookie on the whole site. */
export function cookieOptions(
  settings: CookieSettings,
  options: { sameSite: "lax" | "strict"; maxAgeSeconds?: number; httpOnly?: boolean },
): { path: string; httpOnly: boolean; secure: boolean; sameSite: "lax" | "strict"; maxAge?: number } {
  return {
    path: "/",
    httpOnly: options.httpOnly ?? true,
    secure: settings.secure,
    sameSite: options.sameSite,
    ...(options.maxAgeSeconds === undefined ? {} : { maxAge: options.maxAgeSeconds }),
  };
}

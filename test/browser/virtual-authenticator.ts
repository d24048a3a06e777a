/**
 * Chromium's virtual authenticator over the DevTools protocol (BROWSER-LAB §3): a platform passkey provider that
 * needs no human. It belongs to the one page it was added to; add it before any ceremony starts, since a ceremony on
 * a page without an authenticator hangs past its own timeout in headless Chromium. Open pages as `localhost`, never
 * 127.0.0.1 (an IP address cannot be an RP ID).
 */
import type { CDPSession, Page } from "playwright-core";

/** A credential the authenticator holds, as DevTools reports it (ids and the user handle are base64). */
export interface VirtualCredential {
  readonly credentialId: string;
  readonly isResidentCredential: boolean;
  readonly rpId?: string;
  readonly userHandle?: string;
  readonly signCount: number;
  /** The PKCS#8 private key, base64: what `addCredential` takes to put a copy on another authenticator. */
  readonly privateKey: string;
}

/** What differs from the default ctap2 / internal / resident keys / user verified. */
export interface AuthenticatorOptions {
  readonly transport?: "internal" | "usb" | "nfc" | "ble" | "hybrid";
  readonly hasResidentKey?: boolean;
  readonly hasUserVerification?: boolean;
  readonly isUserVerified?: boolean;
}

export interface VirtualAuthenticator {
  readonly id: string;
  credentials(): Promise<VirtualCredential[]>;
  /** Puts a credential on this authenticator: a copy of another's, say, with an older sign count. */
  addCredential(credential: VirtualCredential & { readonly rpId: string }): Promise<void>;
  removeCredential(credentialId: string): Promise<void>;
  clearCredentials(): Promise<void>;
  /** Whether the next ceremonies pass user verification (false: the browser answers NotAllowedError). */
  setUserVerified(verified: boolean): Promise<void>;
  /** Removes the authenticator and ends the DevTools session. */
  remove(): Promise<void>;
}

/** Adds a virtual authenticator to `page`: by default a platform one with resident keys and user verification. */
export async function addVirtualAuthenticator(
  page: Page,
  options: AuthenticatorOptions = {},
): Promise<VirtualAuthenticator> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: options.transport ?? "internal",
      hasResidentKey: options.hasResidentKey ?? true,
      hasUserVerification: options.hasUserVerification ?? true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: true,
    },
  });
  return {
    id: authenticatorId,
    credentials: async () => (await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials,
    addCredential: async (credential) => {
      await cdp.send("WebAuthn.addCredential", { authenticatorId, credential });
    },
    removeCredential: async (credentialId) => {
      await cdp.send("WebAuthn.removeCredential", { authenticatorId, credentialId });
    },
    clearCredentials: async () => {
      await cdp.send("WebAuthn.clearCredentials", { authenticatorId });
    },
    setUserVerified: async (verified) => {
      await cdp.send("WebAuthn.setUserVerified", { authenticatorId, isUserVerified: verified });
    },
    remove: async () => {
      await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId });
      await cdp.send("WebAuthn.disable");
      await cdp.detach();
    },
  };
}

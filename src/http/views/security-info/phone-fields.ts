/**
 * The fields of a phone's add form (SPEC §4.1): the country among `allowedPhoneCountries`, the number, and for a
 * mobile how the code should come (text or call, as the policy allows), for an office phone the extension.
 */
import type { FastifyRequest } from "fastify";
import { normaliseCallingCode, regionsOfCallingCode } from "../../../domain/phone-number.js";
import { type Html, html } from "../../../lib/html.js";
import { fieldErrorText, fieldState } from "../layout.js";

export interface PhoneFieldsInput {
  readonly values: Readonly<Record<string, string>>;
  readonly error: { readonly field: string; readonly key: string } | null;
  /** The calling codes the policy allows, the home country first. */
  readonly countries: readonly string[];
}

function messagesFor(request: FastifyRequest, input: PhoneFieldsInput, field: string): string[] {
  return input.error?.field === field ? [request.t(input.error.key)] : [];
}

/** "Indonesia (+62)"; a code shared by several regions is named by its main one ("United States (+1)"). */
export function countryLabel(lang: string, callingCode: string): string {
  const [main] = regionsOfCallingCode(callingCode);
  const name = main === undefined ? undefined : new Intl.DisplayNames([lang], { type: "region" }).of(main);
  return name === undefined ? `+${callingCode}` : `${name} (+${callingCode})`;
}

function countryField(request: FastifyRequest, input: PhoneFieldsInput): Html {
  const codes = input.countries.flatMap((code) => normaliseCallingCode(code) ?? []);
  const chosen = normaliseCallingCode(input.values["country"] ?? "") ?? codes[0];
  const options = codes.map(
    (code) =>
      html`<option value="${code}"${code === chosen ? html` selected` : html``}>${countryLabel(request.lang, code)}</option>`,
  );
  const messages = messagesFor(request, input, "country");
  return html`<label for="country">${request.t("phone.form.country")}</label>${fieldErrorText(request.t, "country", messages)}
  <select id="country" name="country" autocomplete="tel-country-code"${fieldState("country", messages)}>${options}</select>`;
}

function numberField(request: FastifyRequest, input: PhoneFieldsInput, kind: "mobile" | "office"): Html {
  const messages = messagesFor(request, input, "number");
  const autocomplete = kind === "mobile" ? "mobile tel-national" : "work tel-national";
  return html`<label for="number">${request.t(`phone.form.${kind}_label`)}</label>
  <p class="hint" id="number-hint">${request.t(`phone.form.${kind}_hint`)}</p>${fieldErrorText(request.t, "number", messages)}
  <input id="number" name="number" type="tel" inputmode="tel" autocomplete="${autocomplete}" maxlength="40" required value="${input.values["number"] ?? ""}"${fieldState("number", messages, ["number-hint"])}>`;
}

/** Text or call, as the policy allows: a choice when both are on, a hidden value when one is. */
function channelField(request: FastifyRequest, input: PhoneFieldsInput, channels: readonly ("sms" | "voice")[]): Html {
  if (channels.length === 1) return html`<input type="hidden" name="channel" value="${channels[0] ?? "sms"}">`;
  const chosen = input.values["channel"] === "voice" ? "voice" : "sms";
  const messages = messagesFor(request, input, "channel");
  const option = (channel: "sms" | "voice") =>
    html`<div class="choice"><input type="radio" id="channel-${channel}" name="channel" value="${channel}"${channel === chosen ? html` checked` : html``}>
    <label for="channel-${channel}">${request.t(`phone.form.channel_${channel}`)}</label></div>`;
  return html`<fieldset${fieldState("channel", messages)}><legend>${request.t("phone.form.channel_legend")}</legend>${fieldErrorText(request.t, "channel", messages)}
  ${channels.map(option)}</fieldset>`;
}

function extensionField(request: FastifyRequest, input: PhoneFieldsInput): Html {
  const messages = messagesFor(request, input, "extension");
  return html`<label for="extension">${request.t("phone.form.extension_label")}</label>
  <p class="hint" id="extension-hint">${request.t("phone.form.extension_hint")}</p>${fieldErrorText(request.t, "extension", messages)}
  <input id="extension" name="extension" type="text" inputmode="numeric" autocomplete="off" maxlength="10" value="${input.values["extension"] ?? ""}"${fieldState("extension", messages, ["extension-hint"])}>`;
}

/** The mobile's fields; `channels` are the ways the policy lets a code come (at least one). */
export function mobilePhoneFields(
  request: FastifyRequest,
  input: PhoneFieldsInput,
  channels: readonly ("sms" | "voice")[],
): Html {
  return html`${countryField(request, input)}
  ${numberField(request, input, "mobile")}
  ${channelField(request, input, channels)}`;
}

/** The office phone's fields: the number, then its extension (dialled after the call connects). */
export function officePhoneFields(request: FastifyRequest, input: PhoneFieldsInput): Html {
  return html`${countryField(request, input)}
  ${numberField(request, input, "office")}
  ${extensionField(request, input)}`;
}

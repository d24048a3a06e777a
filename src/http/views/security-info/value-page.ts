/** The form where a sent-code method's value is typed (an address, a number), refilled after an error. */
import type { FastifyRequest } from "fastify";
import { type Html, html } from "../../../lib/html.js";
import type { SsprPolicy } from "../../../domain/policies/sspr-policy.js";
import { errorSummary } from "../layout.js";

export function valuePage(
  request: FastifyRequest,
  model: {
    spec: {
      kind: string;
      valueForm(
        request: FastifyRequest,
        input: {
          values: Readonly<Record<string, string>>;
          error: { field: string; key: string } | null;
          policy: SsprPolicy;
        },
      ): Html;
    };
    path: string;
    csrf: string;
    policy: SsprPolicy;
    values: Readonly<Record<string, string>>;
    error: { field: string; key: string } | null;
    replace: string | null;
  },
): Html {
  const t = request.t;
  const errors = model.error === null ? [] : [{ field: model.error.field, message: t(model.error.key) }];
  return html`<p>${t(`security_info.add_intro.${model.spec.kind}`)}</p>
${errorSummary(t, errors)}
<form method="post" action="${model.path}" novalidate>
  <input type="hidden" name="csrf" value="${model.csrf}">
  ${model.replace === null ? "" : html`<input type="hidden" name="replace" value="${model.replace}">`}
  ${model.spec.valueForm(request, { values: model.values, error: model.error, policy: model.policy })}
  <button type="submit">${t(`security_info.send_code.${model.spec.kind}`)}</button>
</form>
<p><a href="/account/security-info">${t("common.cancel")}</a></p>`;
}

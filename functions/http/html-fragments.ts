/**
 * The pieces of the application and status forms that the site's scripts render in the browser as well as the API
 * on the server (field messages and the error summary), and what a merchant sees after applying.
 * functions/http/html-pages.ts builds the forms and pages from them; status-result-html.ts is the status result.
 *
 * Kept apart from html-pages.ts so the scripts can import them without the form markup and the city list, and
 * free of runtime imports from application.ts: importing that module builds the whole zod schema, which only the
 * apply page needs. Field labels come from domain/form-fields.ts, which has no imports.
 */
import type { FieldErrors } from '#domain/application.ts';
import { firstCallPromisePeriod } from '#domain/call-promise.ts';
import { applicationFieldLabels, statusLookupFieldLabels } from '#domain/form-fields.ts';
import { escapeHtml } from './page-shell.ts';

export { escapeHtml };

// Field ids, messages and the error summary: shared by the server's markup and the site's scripts, which show the
// same messages in the same places when they validate in the browser.

/** Which form a field belongs to: its element ids start with this. */
export type FormPrefix = 'application' | 'status';

/** Id of the control (or radio group fieldset) for a field path: `consent.privacy` → `application-consent-privacy`. */
export function fieldIdOf(prefix: FormPrefix, name: string): string {
  return `${prefix}-${name.replace('.', '-')}`;
}

/** Id of a field's message, referenced by the control's `aria-describedby`. */
export function fieldErrorIdOf(prefix: FormPrefix, name: string): string {
  return `${fieldIdOf(prefix, name)}-error`;
}

/** The message under a field. */
export function renderFieldError(prefix: FormPrefix, name: string, message: string): string {
  return `<p class="field-error" id="${fieldErrorIdOf(prefix, name)}">${escapeHtml(message)}</p>`;
}

/** What each field is called in the error summary: the domain's field labels (domain/form-fields.ts). */
const fieldLabels: Readonly<Record<string, string>> = { ...applicationFieldLabels, ...statusLookupFieldLabels };

/**
 * What "免费" leaves out, said next to every "免费申请" button and heading (site/src/components/FreeQualifier.astro
 * and the API's own form page): the terminal is free; a deposit and a yearly SIM fee may still be charged.
 */
export const FREE_QUALIFIER_HTML =
  '机器本身免费；激活时可能收取押金（达标后可退），之后每年可能收取流量费，部分渠道还会收取不退的服务费或激活费。<a href="/articles/free-application-process/">哪些免费、哪些要付</a>';

/** A field of one of our forms (not a name a client made up): safe to name in logs. */
export function isKnownFieldName(name: string): boolean {
  return Object.hasOwn(fieldLabels, name);
}

/** Id of the error summary at the top of a form. */
export function errorSummaryIdOf(prefix: FormPrefix): string {
  return `${prefix}-errors`;
}

/** "请修改以下 N 处信息" with one link per field message (fields without a control are listed as plain text). */
export function renderErrorSummary(prefix: FormPrefix, errors: FieldErrors): string {
  const entries = Object.keys(errors).map((name) => {
    // Own properties only: a posted field called `constructor` has no label (and no Object function as its label).
    const label = Object.hasOwn(fieldLabels, name) ? fieldLabels[name] : undefined;
    const message = escapeHtml(errors[name]!);
    return label ? `<li><a href="#${fieldIdOf(prefix, name)}">${label}：${message}</a></li>` : `<li>${message}</li>`;
  });
  if (entries.length === 0) return '';
  return `<div class="form-errors" id="${errorSummaryIdOf(prefix)}" role="alert" tabindex="-1">
  <h2>请修改以下 ${entries.length} 处信息</h2>
  <ul>
    ${entries.join('\n    ')}
  </ul>
</div>`;
}

// After applying

/**
 * What a merchant sees once the application is in: the reference, what happens next and when, and where to check.
 * The API's thank-you page (no JavaScript) shows it; /apply/ renders it into a <template> that its script shows
 * with the reference filled in.
 */
export function renderApplicationReceived(reference: string): string {
  return `<h1 id="application-received" tabindex="-1">申请已提交</h1>
<p>您的申请编号：</p>
<p class="reference-box"><strong class="reference">${escapeHtml(reference)}</strong></p>
<p>请记下或截图保存这个编号：查询进度时需要它和手机号后 4 位。</p>
<h2>接下来</h2>
<ol class="next-steps">
  <li>几分钟内，系统会自动核对您填写的信息。</li>
  <li>通常 ${firstCallPromisePeriod}，我们会打电话给您，确认需求并说明费率和费用。请留意来电。</li>
  <li>确认办理后，由为您办理的收单机构安排发货，到货时间因品牌和地区而不同。收到机器后，您在该机构的官方 App 中完成实名认证和激活（<a href="/articles/lakala-shengfutong-activation-service/">激活步骤</a>）。</li>
</ol>
<p class="notice">我们不会向您索要身份证照片、银行卡密码或短信验证码。</p>
<p class="actions"><a class="button" href="/status/">查询申请进度</a> <a href="/">返回首页</a></p>`;
}

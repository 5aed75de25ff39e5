/**
 * The pieces of the application and status forms that the site's scripts render in the browser as well as the API
 * on the server (field messages and the error summary), and what a merchant sees after applying.
 * functions/http/html-pages.ts builds the forms and pages from them; status-result-html.ts is the status result.
 *
 * Kept apart from html-pages.ts so the scripts can import them without the form markup and the city list, and
 * free of runtime imports from application.ts: importing that module builds the whole zod schema, which only the
 * apply page needs. Field labels come from labels-zh.ts's part-module labels-zh-fields.ts, so these scripts load those
 * words and none of the console's (that needs labels-zh.ts to stay free of top-level side effects).
 */
import type { FieldErrors } from '#domain/application.ts';
import { firstCallPromisePeriod } from '#domain/call-promise.ts';
import { applicationFieldLabels, statusLookupFieldLabels } from '../presentation/labels-zh.ts';
// Type only: the operator's schema (zod) must not reach the browser scripts that import this module.
import type { SiteOperator } from '../deployment/site-operator.ts';
import { escapeHtml, telHref } from './page-shell.ts';

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

/** What each field is called in the error summary (presentation/labels-zh-fields.ts). */
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
 * What happens after applying, in order: THE one wording of the flow, shown on the thank-you page, the status page
 * and the article free-application-process (site/src/components/NextSteps.astro). The machine ships first; real-name
 * verification and activation happen afterwards in the acquirer's own official app, never in an app we or an agent
 * hand over (pos-legit-service-provider lists that as a warning sign). No lead time for delivery: none is sourced.
 * Trusted HTML (a link to the activation guide), our own constants only.
 */
export const NEXT_STEPS_HTML: readonly string[] = /* @__PURE__ */ nextStepsHtml();

// A call marked pure, so the apply page's bundle, which imports this module but never the list, drops it whole (a bare
// template literal with an imported value would stay behind as a statement, with its module).
function nextStepsHtml(): string[] {
  return [
    '几分钟内，系统会自动核对您填写的信息。',
    `通常 ${firstCallPromisePeriod}，我们会打电话给您，了解经营情况，说明适合的机型和费率、押金、流量费。请留意来电。`,
    '您确认办理后，由为您办理的收单机构安排发货，到货时间因品牌和地区而不同。',
    '收到机器后，您在该机构的官方 App 中完成实名认证、绑定机器并激活（<a href="/articles/lakala-shengfutong-activation-service/">激活步骤</a>）。请只用机构官方渠道下载的 App，不要扫来历不明的二维码。',
  ];
}

export function renderNextSteps(): string {
  return `<ol class="next-steps">\n${NEXT_STEPS_HTML.map((step) => `  <li>${step}</li>`).join('\n')}\n</ol>`;
}

/**
 * How a merchant reaches a person, and which number will call (so they pick up): on the apply, thank-you and status
 * pages. Works without JavaScript: the WeChat ID is plain text in a readonly field (long-press to copy in WeChat);
 * scripts/copy-text.ts adds a one-tap copy button. `vcard` adds the caller as a contact card to save (/contact.vcf).
 */
export function renderContactOptions(operator: SiteOperator, options: { vcard?: boolean; headingLevel?: 2 | 3 } = {}): string {
  const h = `h${options.headingLevel ?? 2}`;
  const caller = callerNumberOf(operator);
  const items = [
    `<li>我们会用 <strong class="caller-number">${escapeHtml(caller)}</strong> 给您打电话（${escapeHtml(operator.legalName)}），请留意接听。${
      options.vcard ? ` <a href="${CONTACT_CARD_PATH}" download="contact.vcf">保存为手机联系人</a>` : ''
    }</li>`,
    `<li>客服电话：<a href="${telHref(operator.phone)}">${escapeHtml(operator.phone)}</a></li>`,
  ];
  if (operator.wechatId) {
    items.push(`<li class="copy-text" data-copy-text data-copy-label="复制微信号">
  <label for="contact-wechat-id">客服微信号（长按可复制）</label>
  <input id="contact-wechat-id" class="wechat-id" type="text" readonly value="${escapeHtml(operator.wechatId)}">
</li>`);
  }
  if (operator.serviceHours) items.push(`<li>服务时间：${escapeHtml(operator.serviceHours)}</li>`);
  return `<section class="contact-options" aria-labelledby="contact-options-title">
<${h} id="contact-options-title">联系我们</${h}>
<ul>
${items.join('\n')}
</ul>
</section>`;
}

/** The number that will call the merchant: the caller number, or else the service phone. */
export function callerNumberOf(operator: SiteOperator): string {
  return operator.callerNumber ?? operator.phone;
}

/** Where the caller's contact card is served (site/src/pages/contact.vcf.ts). */
export const CONTACT_CARD_PATH = '/contact.vcf';

/**
 * What a merchant sees once the application is in: the reference, what happens next and when, how to reach us and
 * where to check. The API's thank-you page (no JavaScript) shows it; /apply/ renders it into a <template> that its
 * script shows with the reference filled in.
 */
export function renderApplicationReceived(reference: string, operator: SiteOperator): string {
  return `<h1 id="application-received" tabindex="-1">申请已提交</h1>
<p>您的申请编号：</p>
<p class="reference-box" data-copy-label="复制编号"><strong class="reference">${escapeHtml(reference)}</strong></p>
<p>请记下或截图保存这个编号：查询进度时需要它和手机号后 4 位。</p>
<h2>接下来</h2>
${renderNextSteps()}
<p class="notice">我们不会向您索要身份证照片、银行卡密码或短信验证码。</p>
${renderContactOptions(operator, { vcard: true })}
<p class="actions"><a class="button" href="/status/">查询申请进度</a> <a href="/">返回首页</a></p>`;
}

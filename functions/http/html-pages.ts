/**
 * The HTML of applying and tracking:
 * - the application form and the status form: the site's /apply/ and /status/ pages render these same functions,
 *   and the API renders them again with the merchant's input and messages when a form posted without JavaScript
 *   comes back; field and option labels are presentation/labels-zh.ts's, the checkbox value the domain's (domain/form-fields.ts);
 * - the API's pages for the no-JavaScript path (form with messages, thank-you, status result) in the page shell the
 *   site's layout renders too (page-shell.ts: header, footer, stylesheet), so they look like the site.
 * The pieces the site's scripts render too are in html-fragments.ts (messages, "申请已提交") and status-result-html.ts.
 * The site imports this module; nothing here imports site/.
 */
import { brands, merchantTypes, monthlyVolumes, callWindows, NAME_MAX_LENGTH, NOTE_MAX_LENGTH, terminalTypes, type FieldErrors } from '#domain/application.ts';
import { cityOptions } from '#domain/cities.ts';
import { CHECKBOX_VALUE, isCheckboxTicked } from '#domain/form-fields.ts';
import {
  applicationFieldLabels as labels,
  brandLabels,
  callWindowLabels,
  merchantTypeLabels,
  monthlyVolumeLabels,
  OPTIONAL_LABEL_SUFFIX,
  statusLookupFieldLabels as statusLabels,
  terminalTypeLabels,
} from '../presentation/labels-zh.ts';
import { PRIVACY_POLICY_VERSION } from '#domain/privacy-policy.ts';
import {
  FREE_QUALIFIER_HTML,
  fieldErrorIdOf,
  fieldIdOf,
  renderApplicationReceived,
  renderContactOptions,
  renderErrorSummary,
  renderNextSteps,
  renderFieldError,
  type FormPrefix,
} from './html-fragments.ts';
import {
  DEFAULT_SHARE_CARD_PATH,
  DEFAULT_SHARE_CARD_TITLE,
  escapeHtml,
  MAIN_ID,
  renderHead,
  renderSiteFooter,
  renderSiteHeader,
  renderSkipLink,
  SHARE_CARD,
  shareCardAlt,
  SITE_LOCALE,
} from './page-shell.ts';
import { applyPageText, statusPageText } from './page-texts.ts';
import { renderStatusResult, type StatusResult } from './status-result-html.ts';
import type { SiteOperator } from '../deployment/site-operator.ts';

/** Raw posted values by field name (`consent.privacy`, `attribution.utm_source`…), exactly as the merchant typed them. */
export type FormValues = Readonly<Record<string, string>>;

/** Posted pairs as FormValues (last value wins; null prototype, so any field name is just data). */
export function formValuesFrom(fields: Iterable<readonly [string, string]>): FormValues {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of fields) values[name] = value;
  return values;
}

const own = (record: Readonly<Record<string, string>>, key: string): string | undefined => (Object.hasOwn(record, key) ? record[key] : undefined);

// The application form

interface FieldContext {
  prefix: FormPrefix;
  name: string;
  id: string;
  error?: string;
}

function fieldContext(prefix: FormPrefix, name: string, errors: FieldErrors): FieldContext {
  const error = own(errors, name);
  return { prefix, name, id: fieldIdOf(prefix, name), ...(error !== undefined && { error }) };
}

function describedBy(context: FieldContext, hintId?: string): string {
  const ids = [hintId, context.error !== undefined ? fieldErrorIdOf(context.prefix, context.name) : undefined].filter(Boolean);
  return `${ids.length ? ` aria-describedby="${ids.join(' ')}"` : ''}${context.error !== undefined ? ' aria-invalid="true"' : ''}`;
}

function errorText(context: FieldContext): string {
  return context.error === undefined ? '' : renderFieldError(context.prefix, context.name, context.error);
}

function fieldClass(context: FieldContext, extra = ''): string {
  return `field${extra}${context.error !== undefined ? ' field-invalid' : ''}`;
}

function textField(context: FieldContext, label: string, value: string, attributes: string, hint?: string): string {
  const hintId = hint ? `${context.id}-hint` : undefined;
  return `<div class="${fieldClass(context)}">
  <label for="${context.id}">${label}</label>${hint ? `\n  <p class="field-hint" id="${hintId}">${hint}</p>` : ''}
  <input id="${context.id}" name="${context.name}" ${attributes} value="${escapeHtml(value)}"${describedBy(context, hintId)}>
  ${errorText(context)}
</div>`;
}

function selectField(context: FieldContext, label: string, placeholder: string, options: string, required: boolean): string {
  return `<div class="${fieldClass(context)}">
  <label for="${context.id}">${label}</label>
  <select id="${context.id}" name="${context.name}"${required ? ' required' : ''}${describedBy(context)}>
    <option value="">${placeholder}</option>
    ${options}
  </select>
  ${errorText(context)}
</div>`;
}

function option(value: string, label: string, selected: string | undefined): string {
  return `<option value="${escapeHtml(value)}"${selected === value ? ' selected' : ''}>${escapeHtml(label)}</option>`;
}

function radioGroup<T extends string>(
  context: FieldContext,
  legend: string,
  choices: readonly T[],
  labels: Readonly<Record<T, string>>,
  current: string | undefined,
): string {
  const radios = choices
    .map(
      (choice) =>
        `<label class="choice"><input type="radio" name="${context.name}" value="${choice}" required${current === choice ? ' checked' : ''}> ${escapeHtml(labels[choice])}</label>`,
    )
    .join('\n    ');
  return `<fieldset class="${fieldClass(context, ' choices')}" id="${context.id}"${describedBy(context)}>
  <legend>${legend}</legend>
    ${radios}
  ${errorText(context)}
</fieldset>`;
}

function checkbox(context: FieldContext, label: string, values: FormValues): string {
  const checked = isCheckboxTicked(own(values, context.name) ?? '');
  return `<div class="${fieldClass(context, ' field-checkbox')}">
  <input type="checkbox" id="${context.id}" name="${context.name}" value="${CHECKBOX_VALUE}" required${checked ? ' checked' : ''}${describedBy(context)}>
  <label for="${context.id}">${label}</label>
  ${errorText(context)}
</div>`;
}

/** A link to the privacy policy inside a consent label: opens beside the form, so what was typed is not lost. */
function policyLink(href: string, text: string): string {
  return `<a href="${href}" target="_blank" rel="noopener">${text}<span class="visually-hidden">（在新窗口打开）</span></a>`;
}

/** Attribution travels as hidden fields; the apply page's script fills them (see site/src/scripts/attribution.ts). */
export const attributionFields = ['utm_source', 'utm_medium', 'utm_campaign', 'landingPage', 'referrer'] as const;

/**
 * The application form. `values` are the raw posted strings (kept when it comes back with errors); `errors` the
 * field messages from the schema. Works without JavaScript; the site's script enhances it (posts JSON with an
 * Idempotency-Key, validates with the same schema).
 *
 * `formToken` is the API's form token (domain/form-token.ts). The static /apply/ page has none: its script fetches
 * one, and without JavaScript the first post comes back as this form with a token, to be confirmed once more.
 */
export function renderApplicationForm(values: FormValues, errors: FieldErrors, operator: SiteOperator): string {
  const field = (name: string) => fieldContext('application', name, errors);
  const city = own(values, 'city');
  const cityGroups = cityOptions()
    .map((group) => `<optgroup label="${escapeHtml(group.province)}">${group.options.map((o) => option(o.value, o.label, city)).join('')}</optgroup>`)
    .join('\n    ');
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const attribution = attributionFields.map((name) => hidden(`attribution.${name}`, own(values, `attribution.${name}`) ?? '')).join('\n  ');
  const note = field('note');
  const optional = (label: string) => `${label}${OPTIONAL_LABEL_SUFFIX}`;

  return `<form class="application-form" method="post" action="/api/applications" accept-charset="utf-8" novalidate>
${renderErrorSummary('application', errors)}
${textField(field('name'), labels.name, own(values, 'name') ?? '', `type="text" autocomplete="name" required maxlength="${NAME_MAX_LENGTH}"`)}
${textField(field('phone'), labels.phone, own(values, 'phone') ?? '', 'type="tel" inputmode="tel" autocomplete="mobile tel" required maxlength="20"', '只用于联系您办理终端，不会公开')}
${selectField(field('city'), labels.city, '请选择省份和城市', cityGroups, true)}
${radioGroup(field('merchantType'), labels.merchantType, merchantTypes, merchantTypeLabels, own(values, 'merchantType'))}
${radioGroup(field('brand'), labels.brand, brands, brandLabels, own(values, 'brand'))}
${selectField(field('terminalType'), optional(labels.terminalType), '请选择', terminalTypes.map((t) => option(t, terminalTypeLabels[t], own(values, 'terminalType'))).join(''), false)}
${selectField(field('monthlyVolume'), optional(labels.monthlyVolume), '请选择', monthlyVolumes.map((v) => option(v, monthlyVolumeLabels[v], own(values, 'monthlyVolume'))).join(''), false)}
${selectField(field('callWindow'), optional(labels.callWindow), '没有特别要求', callWindows.map((w) => option(w, callWindowLabels[w], own(values, 'callWindow'))).join(''), false)}
<div class="${fieldClass(note)}">
  <label for="${note.id}">${optional(labels.note)}</label>
  <textarea id="${note.id}" name="note" rows="3" maxlength="${NOTE_MAX_LENGTH}"${describedBy(note)}>${escapeHtml(own(values, 'note') ?? '')}</textarea>
  ${errorText(note)}
</div>
<p class="form-note consent-operator">您的信息由本站运营方 <strong>${escapeHtml(operator.legalName)}</strong> 处理（联系邮箱 ${escapeHtml(operator.email)}），详见${policyLink('/privacy/#operator', '《隐私政策》')}。</p>
${checkbox(field('consent.privacy'), `我已阅读并同意${policyLink('/privacy/', '《隐私政策》')}`, values)}
${checkbox(field('consent.crossBorder'), `我同意申请信息存储在中国大陆以外的服务器上（${policyLink('/privacy/#cross-border', '了解详情')}）`, values)}
${checkbox(field('consent.providerSharing'), `我同意将姓名、手机号、城市和申请意向提供给我选择的收单机构（银行或持牌支付机构，未定时由我们为您匹配），以便其联系我并完成实名认证（${policyLink('/privacy/#provider-sharing', '了解详情')}）`, values)}
  ${hidden('consent.version', PRIVACY_POLICY_VERSION)}
  ${hidden('formToken', own(values, 'formToken') ?? '')}
  ${attribution}
<div class="form-trap" aria-hidden="true" inert>
  <label for="application-website">网址（请勿填写）</label>
  <input type="text" id="application-website" name="website" value="" tabindex="-1" autocomplete="off">
</div>
<p class="form-note">申请阶段只需要以上信息，不收集身份证号或营业执照；收到机器后，您在收单机构的官方 App 中完成实名认证和激活。</p>
<button class="button button-primary button-block" type="submit">免费申请</button>
</form>`;
}

/** The status lookup form (reference + last four digits), for the result page and the site's /status/ page. */
export function renderStatusForm(values: FormValues, errors: FieldErrors): string {
  const field = (name: string, label: string, attributes: string, hint: string) =>
    textField(fieldContext('status', name, errors), label, own(values, name) ?? '', attributes, hint);
  return `<form class="status-form" method="post" action="/api/applications/status" accept-charset="utf-8" novalidate>
${field('reference', statusLabels.reference, 'type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required maxlength="20"', '提交申请后页面上显示的编号，例如 PA-7K3F-9Q2M，大小写和短横线都可以不管')}
${field('phoneLast4', statusLabels.phoneLast4, 'type="text" inputmode="numeric" autocomplete="off" required maxlength="4"', '申请时所填手机号的最后 4 位数字')}
<button class="button button-primary button-block" type="submit">查询进度</button>
</form>`;
}

// The API's pages

/**
 * What the API's whole pages need from configuration: who runs the site (footer, contacts), and the site's origin,
 * for the share card's absolute URL (unset locally: then the path alone, which the local server answers).
 */
export interface ApiPageSettings {
  readonly operator: SiteOperator;
  readonly siteOrigin?: string | undefined;
}

/**
 * The page shell (page-shell.ts, as the site's BaseLayout renders it), kept out of search results (no canonical),
 * with the site's default share card like every page of the site.
 */
function page(title: string, description: string, main: string, { operator, siteOrigin }: ApiPageSettings): string {
  const image = { url: `${siteOrigin ?? ''}${DEFAULT_SHARE_CARD_PATH}`, alt: shareCardAlt(DEFAULT_SHARE_CARD_TITLE), ...SHARE_CARD };
  return `<!doctype html>
<html lang="${SITE_LOCALE}">
<head>
${renderHead({ title, description, image })}
</head>
<body>
${renderSkipLink()}
${renderSiteHeader()}
<main id="${MAIN_ID}" class="container container-text" tabindex="-1">
${main}
</main>
${renderSiteFooter(operator)}
</body>
</html>
`;
}

function notice(message: string | undefined): string {
  return message ? `<p class="form-message" role="alert">${escapeHtml(message)}</p>\n` : '';
}

/** The form again, with a message on top: errors (400), limits (429), or a failure the merchant can retry (503). */
export function renderApplicationPage(settings: ApiPageSettings, values: FormValues, errors: FieldErrors, message?: string): string {
  const { operator } = settings;
  return page(
    applyPageText.title,
    applyPageText.description,
    `<h1>${applyPageText.heading}</h1>\n<p class="free-qualifier">${FREE_QUALIFIER_HTML}</p>\n${notice(message)}${renderApplicationForm(values, errors, operator)}\n${renderContactOptions(operator)}`,
    settings,
  );
}

export function renderThankYouPage(settings: ApiPageSettings, reference: string): string {
  return page('申请已提交', applyPageText.description, renderApplicationReceived(reference, settings.operator), settings);
}

/** A thank-you link without a valid reference (mistyped, truncated). */
export function renderMissingReferencePage(settings: ApiPageSettings): string {
  return page(
    '找不到申请编号',
    statusPageText.description,
    `<h1>找不到申请编号</h1>
<p>这个链接里的申请编号不完整。如果您刚提交过申请，可以凭申请编号和手机号后 4 位<a href="/status/">查询进度</a>。</p>`,
    settings,
  );
}

export type StatusPageContent = ({ kind: 'found' } & StatusResult) | { kind: 'form'; values: FormValues; errors: FieldErrors; message?: string };

export function renderStatusPage(settings: ApiPageSettings, content: StatusPageContent): string {
  const { operator } = settings;
  if (content.kind === 'found') {
    return page(
      '申请进度',
      statusPageText.description,
      `<h1>申请进度</h1>
${renderStatusResult(content)}
<h2>接下来</h2>
${renderNextSteps()}
${renderContactOptions(operator)}
<p class="actions"><a class="button" href="/status/">查询其他申请</a> <a href="/">返回首页</a></p>`,
      settings,
    );
  }
  return page(
    statusPageText.title,
    statusPageText.description,
    `<h1>${statusPageText.heading}</h1>\n${notice(content.message)}${renderStatusForm(content.values, content.errors)}\n${renderContactOptions(operator)}`,
    settings,
  );
}

/**
 * HTML for the no-JavaScript path: the application form (re-rendered with the merchant's input and messages), the
 * thank-you page, and the status result page. Pages use the site's stylesheet and a minimal header and footer.
 *
 * renderApplicationForm is THE form markup: the site's /apply/ page renders it too, so the form a merchant sees
 * first and the one that comes back with messages are identical.
 */
import {
  brandLabels,
  brands,
  merchantTypeLabels,
  merchantTypes,
  monthlyVolumeLabels,
  monthlyVolumes,
  NAME_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  terminalTypeLabels,
  terminalTypes,
  type FieldErrors,
} from '../domain/application.ts';
import { statusLabels, type ApplicationStatus } from '../domain/application-status.ts';
import { cityOptions } from '../domain/cities.ts';
import { PRIVACY_POLICY_VERSION } from '../domain/privacy-policy.ts';

/** Raw posted values by field name (`consent.privacy`, `attribution.utm_source`…), exactly as the merchant typed them. */
export type FormValues = Readonly<Record<string, string>>;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

/** Posted pairs as FormValues (last value wins; null prototype, so any field name is just data). */
export function formValuesFrom(fields: Iterable<readonly [string, string]>): FormValues {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of fields) values[name] = value;
  return values;
}

const own = (record: Readonly<Record<string, string>>, key: string): string | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/** Labels used in the error summary, in form order. */
const fieldLabels: Readonly<Record<string, string>> = {
  name: '姓名',
  phone: '手机号',
  city: '所在城市',
  merchantType: '商户类型',
  brand: '想申请的品牌',
  terminalType: '终端类型',
  monthlyVolume: '每月刷卡收款',
  note: '备注',
  'consent.privacy': '隐私政策',
  'consent.crossBorder': '境外存储',
  'consent.version': '隐私政策版本',
};

const CHECKED_VALUES = new Set(['on', 'true', '1', 'yes']);

interface FieldContext {
  id: string;
  error?: string;
}

function fieldContext(name: string, errors: FieldErrors): FieldContext {
  const error = own(errors, name);
  return { id: `application-${name.replace('.', '-')}`, ...(error !== undefined && { error }) };
}

function describedBy(context: FieldContext, hintId?: string): string {
  const ids = [hintId, context.error !== undefined ? `${context.id}-error` : undefined].filter(Boolean);
  return `${ids.length ? ` aria-describedby="${ids.join(' ')}"` : ''}${context.error !== undefined ? ' aria-invalid="true"' : ''}`;
}

function errorText(context: FieldContext): string {
  return context.error === undefined ? '' : `<p class="field-error" id="${context.id}-error">${escapeHtml(context.error)}</p>`;
}

function textField(
  name: string,
  label: string,
  values: FormValues,
  errors: FieldErrors,
  attributes: string,
  hint?: string,
): string {
  const context = fieldContext(name, errors);
  const hintId = hint ? `${context.id}-hint` : undefined;
  return `<div class="field${context.error !== undefined ? ' field-invalid' : ''}">
  <label for="${context.id}">${label}</label>${hint ? `\n  <p class="field-hint" id="${hintId}">${hint}</p>` : ''}
  <input id="${context.id}" name="${name}" ${attributes} value="${escapeHtml(own(values, name) ?? '')}"${describedBy(context, hintId)}>
  ${errorText(context)}
</div>`;
}

function selectField(
  name: string,
  label: string,
  values: FormValues,
  errors: FieldErrors,
  placeholder: string,
  options: string,
  required: boolean,
): string {
  const context = fieldContext(name, errors);
  return `<div class="field${context.error !== undefined ? ' field-invalid' : ''}">
  <label for="${context.id}">${label}</label>
  <select id="${context.id}" name="${name}"${required ? ' required' : ''}${describedBy(context)}>
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
  name: string,
  legend: string,
  choices: readonly T[],
  labels: Readonly<Record<T, string>>,
  values: FormValues,
  errors: FieldErrors,
): string {
  const context = fieldContext(name, errors);
  const current = own(values, name);
  const radios = choices
    .map(
      (choice) =>
        `<label class="choice"><input type="radio" name="${name}" value="${choice}" required${current === choice ? ' checked' : ''}> ${escapeHtml(labels[choice])}</label>`,
    )
    .join('\n    ');
  return `<fieldset class="field${context.error !== undefined ? ' field-invalid' : ''}" id="${context.id}"${describedBy(context)}>
  <legend>${legend}</legend>
    ${radios}
  ${errorText(context)}
</fieldset>`;
}

function checkbox(name: string, label: string, values: FormValues, errors: FieldErrors): string {
  const context = fieldContext(name, errors);
  const checked = CHECKED_VALUES.has((own(values, name) ?? '').toLowerCase());
  return `<div class="field field-checkbox${context.error !== undefined ? ' field-invalid' : ''}">
  <input type="checkbox" id="${context.id}" name="${name}" value="on" required${checked ? ' checked' : ''}${describedBy(context)}>
  <label for="${context.id}">${label}</label>
  ${errorText(context)}
</div>`;
}

function errorSummary(errors: FieldErrors): string {
  const entries = Object.keys(errors).map((name) => {
    const label = fieldLabels[name];
    const message = escapeHtml(errors[name]!);
    return label ? `<li><a href="#application-${name.replace('.', '-')}">${label}：${message}</a></li>` : `<li>${message}</li>`;
  });
  if (entries.length === 0) return '';
  return `<div class="form-errors" id="application-errors" role="alert" tabindex="-1">
  <h2>请修改以下 ${entries.length} 处信息</h2>
  <ul>
    ${entries.join('\n    ')}
  </ul>
</div>`;
}

/**
 * The application form. `values` are the raw posted strings (kept when it comes back with errors); `errors` the
 * field messages from the schema. Works without JavaScript; the site's script enhances it (posts JSON with an
 * Idempotency-Key, validates with the same schema).
 *
 * `startedAt` should be the time the form was shown (epoch ms). A static page cannot know that, so leave it empty
 * there and let the page's script fill it in; a form posted without it comes back once with the time set.
 */
export function renderApplicationForm(values: FormValues, errors: FieldErrors): string {
  const city = own(values, 'city');
  const cityGroups = cityOptions()
    .map(
      (group) =>
        `<optgroup label="${escapeHtml(group.province)}">${group.options.map((o) => option(o.value, o.label, city)).join('')}</optgroup>`,
    )
    .join('\n    ');
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const attributionFields = ['utm_source', 'utm_medium', 'utm_campaign', 'landingPage', 'referrer']
    .map((field) => hidden(`attribution.${field}`, own(values, `attribution.${field}`) ?? ''))
    .join('\n  ');

  return `<form class="application-form" method="post" action="/api/applications" accept-charset="utf-8" novalidate>
${errorSummary(errors)}
${textField('name', '姓名', values, errors, `type="text" autocomplete="name" required maxlength="${NAME_MAX_LENGTH}"`)}
${textField('phone', '手机号', values, errors, 'type="tel" inputmode="tel" autocomplete="tel-national" required maxlength="20"', '我们只用它联系您办理终端，不会公开或转给其他机构')}
${selectField('city', '所在城市', values, errors, '请选择省份和城市', cityGroups, true)}
${radioGroup('merchantType', '商户类型', merchantTypes, merchantTypeLabels, values, errors)}
${radioGroup('brand', '想申请的品牌', brands, brandLabels, values, errors)}
${selectField('terminalType', '终端类型（选填）', values, errors, '请选择', terminalTypes.map((t) => option(t, terminalTypeLabels[t], own(values, 'terminalType'))).join(''), false)}
${selectField('monthlyVolume', '每月刷卡收款（选填）', values, errors, '请选择', monthlyVolumes.map((v) => option(v, monthlyVolumeLabels[v], own(values, 'monthlyVolume'))).join(''), false)}
<div class="field${own(errors, 'note') !== undefined ? ' field-invalid' : ''}">
  <label for="application-note">备注（选填）</label>
  <textarea id="application-note" name="note" rows="3" maxlength="${NOTE_MAX_LENGTH}"${describedBy(fieldContext('note', errors))}>${escapeHtml(own(values, 'note') ?? '')}</textarea>
  ${errorText(fieldContext('note', errors))}
</div>
${checkbox('consent.privacy', '我已阅读并同意<a href="/privacy/">《隐私政策》</a>', values, errors)}
${checkbox('consent.crossBorder', '我同意申请信息存储在中国大陆以外的服务器上（<a href="/privacy/#cross-border">了解详情</a>）', values, errors)}
  ${hidden('consent.version', PRIVACY_POLICY_VERSION)}
  ${hidden('startedAt', own(values, 'startedAt') ?? '')}
  ${attributionFields}
<div class="form-trap" hidden aria-hidden="true">
  <label for="application-website">网址（请勿填写）</label>
  <input type="text" id="application-website" name="website" value="" tabindex="-1" autocomplete="off">
</div>
<p class="form-note">申请阶段只需要以上信息，不收集身份证号或营业执照；实名认证在终端服务商自己的 App 中完成。</p>
<button type="submit">免费申请</button>
</form>`;
}

/** The status lookup form (reference + last four digits), for the result page and the site's /status/ page. */
export function renderStatusForm(values: FormValues, errors: FieldErrors): string {
  const field = (name: string, label: string, attributes: string) => {
    const error = own(errors, name);
    const id = `status-${name}`;
    return `<div class="field${error !== undefined ? ' field-invalid' : ''}">
  <label for="${id}">${label}</label>
  <input id="${id}" name="${name}" ${attributes} value="${escapeHtml(own(values, name) ?? '')}"${error !== undefined ? ` aria-invalid="true" aria-describedby="${id}-error"` : ''}>
  ${error !== undefined ? `<p class="field-error" id="${id}-error">${escapeHtml(error)}</p>` : ''}
</div>`;
  };
  return `<form class="status-form" method="post" action="/api/applications/status" accept-charset="utf-8" novalidate>
${field('reference', '申请编号', 'type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" required maxlength="20" placeholder="PA-XXXX-XXXX"')}
${field('phoneLast4', '手机号后 4 位', 'type="text" inputmode="numeric" autocomplete="off" required maxlength="4" pattern="[0-9]{4}"')}
<button type="submit">查询进度</button>
</form>`;
}

function page(title: string, main: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/styles/site.css">
</head>
<body>
<header class="site-header"><a class="site-name" href="/">POS 机申请指南</a></header>
<main class="page-narrow">
${main}
</main>
<footer class="site-footer"><a href="/privacy/">隐私政策</a> · <a href="/status/">查询申请进度</a></footer>
</body>
</html>
`;
}

/** The form again, with a message on top: errors (400), limits (429), or a failure the merchant can retry (503). */
export function renderApplicationPage(values: FormValues, errors: FieldErrors, message?: string): string {
  const notice = message ? `<p class="form-message" role="alert">${escapeHtml(message)}</p>\n` : '';
  return page('申请免费 POS 机', `<h1>申请免费 POS 机</h1>\n${notice}${renderApplicationForm(values, errors)}`);
}

export function renderThankYouPage(reference: string): string {
  return page(
    '申请已提交',
    `<h1>申请已提交</h1>
<p>您的申请编号是 <strong class="reference">${escapeHtml(reference)}</strong>。请记下它：查询进度时需要这个编号和手机号后 4 位。</p>
<h2>接下来</h2>
<ol class="next-steps">
  <li>几分钟内，系统会自动核对您填写的信息。</li>
  <li>通常 1–2 个工作日内，我们会打电话给您，确认需求并说明费率和费用。请留意来电。</li>
  <li>确认办理后，您在终端服务商自己的 App 中完成实名认证；审核通过后，终端一般在 3–10 个工作日内寄出（因品牌和地区而异，仅供参考）。</li>
</ol>
<p><a href="/status/">查询申请进度</a> · <a href="/">返回首页</a></p>`,
  );
}

/** A thank-you link without a valid reference (mistyped, truncated). */
export function renderMissingReferencePage(): string {
  return page(
    '找不到申请编号',
    `<h1>找不到申请编号</h1>
<p>这个链接里的申请编号不完整。如果您刚提交过申请，可以凭申请编号和手机号后 4 位<a href="/status/">查询进度</a>。</p>`,
  );
}

const chinaDateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long', timeStyle: 'short' });

export type StatusPageContent =
  | { kind: 'found'; reference: string; status: ApplicationStatus; updatedAt: string }
  | { kind: 'form'; values: FormValues; errors: FieldErrors; message?: string };

export function renderStatusPage(content: StatusPageContent): string {
  if (content.kind === 'found') {
    const label = content.status === 'spam' ? '' : statusLabels[content.status];
    return page(
      '申请进度',
      `<h1>申请进度</h1>
<dl class="status-result">
  <dt>申请编号</dt><dd class="reference">${escapeHtml(content.reference)}</dd>
  <dt>当前状态</dt><dd>${escapeHtml(label)}</dd>
  <dt>更新时间</dt><dd><time datetime="${escapeHtml(content.updatedAt)}">${escapeHtml(chinaDateTime.format(new Date(content.updatedAt)))}</time></dd>
</dl>
<p><a href="/status/">查询其他申请</a> · <a href="/">返回首页</a></p>`,
    );
  }
  const notice = content.message ? `<p class="form-message" role="alert">${escapeHtml(content.message)}</p>\n` : '';
  return page('查询申请进度', `<h1>查询申请进度</h1>\n${notice}${renderStatusForm(content.values, content.errors)}`);
}


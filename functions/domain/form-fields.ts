/**
 * The fields of the merchant's two forms as people see them, declared once: what each field is called and what a
 * ticked checkbox posts. The form markup (functions/http/html-pages.ts: `<label>`s and `<legend>`s), the error
 * summary (functions/http/html-fragments.ts, also rendered by the site's scripts) and the form parser
 * (application.ts) all read them. The option labels (merchant types, brands…) are in application.ts beside their
 * values; the consents' full sentences, with their links to the privacy policy, are in the form markup.
 *
 * No imports: the /status/ page's script loads this without the application schema.
 */

/** Field path → what the field is called (labels, legends, error summary). Consents by their short name. */
export const applicationFieldLabels = {
  name: '姓名',
  phone: '手机号',
  city: '所在城市',
  merchantType: '商户类型',
  brand: '想申请的品牌',
  terminalType: '终端类型',
  monthlyVolume: '每月刷卡收款',
  callWindow: '方便接听时间',
  note: '备注',
  'consent.privacy': '隐私政策',
  'consent.crossBorder': '境外存储',
  'consent.providerSharing': '提供给收单机构',
  'consent.version': '隐私政策版本',
} as const;

export const statusLookupFieldLabels = {
  reference: '申请编号',
  phoneLast4: '手机号后 4 位',
} as const;

/** Added to the label of a field the merchant may leave empty. */
export const OPTIONAL_LABEL_SUFFIX = '（选填）';

/** What a ticked checkbox posts: the `value` of every checkbox on the forms. */
export const CHECKBOX_VALUE = 'on';

/** Values read as ticked: the form's own, and the spellings of "true" that other clients send. */
const CHECKBOX_TICKED_VALUES: ReadonlySet<string> = new Set([CHECKBOX_VALUE, 'true', '1', 'yes']);

/** Whether a posted checkbox value means ticked (case-insensitive). */
export function isCheckboxTicked(raw: string): boolean {
  return CHECKBOX_TICKED_VALUES.has(raw.toLowerCase());
}

/**
 * Part of labels-zh.ts (import it through that module): what the merchant's forms call each field. A module of its
 * own so that the apply and status pages' scripts, which name fields in their error summaries, load these words and
 * no others: the bundler gives each set of pages sharing a module one chunk.
 */

/** Field path → what the field is called (the forms' labels and legends, the error summary). Consents by their short name. */
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

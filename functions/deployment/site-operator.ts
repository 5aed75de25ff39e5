/**
 * Who runs the site (PIPL Art. 17: the handler's name and contact): THE schema of a stage's `operator` in the stage
 * file (functions/deployment/stages.ts). The site build shows it in every page's footer, on /privacy/ and next to the
 * apply form's consents; the API's pages get the same values from the SITE_OPERATOR variable the CDK app sets
 * (config.ts); the apply, thank-you and status pages say how to reach a person and which number will call.
 *
 * Written with `zod/mini` and importing only the page shell: the Lambdas parse SITE_OPERATOR with this schema at cold
 * start without carrying the classic zod API (stages.ts, which only build and deploy tooling load, embeds it).
 */
import * as z from 'zod/mini';
import { EXAMPLE_OPERATOR_MARK } from '../http/page-shell.ts';

/** A phone as people write it: digits with spaces or dashes, optionally +86 (mobile, landline, 400/95 numbers). */
const PHONE_PATTERN = /^\+?[0-9][0-9 -]{3,18}[0-9]$/;

export const siteOperatorSchema = z.strictObject({
  /** Registered name of the company or person running the site (营业执照上的名称). */
  legalName: z
    .string({ error: 'operator.legalName must name the operator' })
    .check(z.minLength(2, 'operator.legalName must name the operator'), z.maxLength(80, 'operator.legalName: at most 80 characters')),
  /** Mailbox that answers merchants. */
  email: z.email({ error: 'operator.email must be an e-mail address' }),
  /** Customer-service phone, shown as a tel: link. */
  phone: z.string({ error: 'operator.phone must be a phone number' }).check(z.regex(PHONE_PATTERN, 'operator.phone must be a phone number')),
  /** WeChat ID merchants can copy and add (微信号: 6–20 letters, digits, _ or -, starting with a letter). */
  wechatId: z.optional(
    z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_-]{5,19}$/, 'operator.wechatId must be 6–20 letters, digits, _ or -, starting with a letter')),
  ),
  /** When someone answers, in words: 工作日 9:00–18:00. */
  serviceHours: z.optional(
    z.string().check(z.minLength(2, 'operator.serviceHours is too short'), z.maxLength(40, 'operator.serviceHours: at most 40 characters')),
  ),
  /** The number our calls come from, so the merchant picks up; defaults to `phone`. */
  callerNumber: z.optional(z.string().check(z.regex(PHONE_PATTERN, 'operator.callerNumber must be a phone number'))),
  /**
   * Companies the operator is contractually tied to (e.g. `['拉卡拉']` for an authorised service provider), filled in
   * only with the contract in hand. Articles may claim no other tie (the content check flags it).
   */
  affiliations: z.optional(z.array(z.string().check(z.minLength(2, 'operator.affiliations must be company names')))),
});

export type SiteOperator = z.infer<typeof siteOperatorSchema>;

/** What local builds (and a dev stage without an operator) show: clearly not a real company (example.invalid, 000 numbers). */
export const EXAMPLE_OPERATOR: SiteOperator = {
  legalName: `${EXAMPLE_OPERATOR_MARK}（本地预览，未配置真实公司）`,
  email: 'operator-not-set@example.invalid',
  phone: '400-000-0000',
  wechatId: 'example_wechat',
  serviceHours: '工作日 9:00–18:00',
  callerNumber: '020-0000-0000',
};

/**
 * The operator a build names: the stage's from the stage file; the marked example for a local build (no stage) or a
 * dev stage that has none. Prod without one throws, naming what to fill in: a production site must say who runs it.
 */
export function siteOperatorFor(stage: string | undefined, operator: SiteOperator | undefined): SiteOperator {
  if (operator !== undefined) return operator;
  if (stage !== 'prod') return EXAMPLE_OPERATOR;
  throw new Error(
    'No site operator for stage "prod": fill in prod.operator { legalName, email, phone, wechatId?, serviceHours?, callerNumber? } in functions/deployment/stages.ts. ' +
      '生产站点必须写明运营方的公司全称和联系方式（《个人信息保护法》第十七条），否则不能构建。',
  );
}

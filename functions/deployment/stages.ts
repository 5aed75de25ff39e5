/**
 * Every per-stage setting of a deployment, in the repository: `npx cdk diff|deploy -c stage=prod`, `npm run deploy --
 * --stage prod`, `npm run publish -- --stage prod`, the ops CLI and the site build all read THIS file, so a deploy that
 * leaves out a flag can no longer drop the domain, detach WAF or unsubscribe the ops mailbox. No secrets here: the
 * file is public with the repository (secrets live in the application secret, see functions/domain/app-secrets.ts).
 *
 * A command-line value (`-c key=value`) that contradicts this file is refused naming the setting
 * (contradictingSettings); change the file in a pull request instead.
 *
 * Values nobody has told us yet are marked placeholders: they validate (so `cdk diff`/`synth` run as the README shows),
 * but `npm run deploy`, `npm run publish` and any synth against a real AWS account refuse them for prod
 * (placeholderSettings). Ops fill them in before the first prod deploy.
 */
import * as z from 'zod';
import { EXAMPLE_OPERATOR, siteOperatorSchema } from './site-operator.ts';

export const stageNames = ['dev', 'prod'] as const;
export type StageName = (typeof stageNames)[number];

const hostName = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/;

export const stageSettingsSchema = z
  .object({
    /**
     * Region for data and compute. Hong Kong because the privacy page promises storage outside mainland China; never
     * taken from the CLI profile, so a developer's default region cannot move personal data elsewhere.
     */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'region must look like ap-east-1'),
    /** Custom host name of the site (e.g. pos.example.com); needs certificateArn. Absent: the *.cloudfront.net name. */
    domainName: z.string().regex(hostName, 'domainName must be a lower-case host name').optional(),
    /** ACM certificate for domainName; CloudFront only accepts certificates issued in us-east-1. */
    certificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/, 'certificateArn must be an ACM certificate in us-east-1')
      .optional(),
    /** Ops mailbox subscribed to alarms and new-application notices (one confirmation click). Required for prod. */
    opsEmail: z.email('opsEmail must be an e-mail address').optional(),
    /** Where /privacy/ tells merchants to send access, correction and deletion requests. Required for prod. */
    privacyContact: z.email('privacyContact must be an e-mail address').optional(),
    /** An AWS WAF web ACL in front of CloudFront (≈ US$9/month + US$0.60 per million requests). */
    waf: z.boolean(),
    /** API requests (`/api/*`) per 5 minutes from one IP before the WAF rate rule blocks it (AWS minimum 10). */
    wafRequestsPer5Minutes: z.number().int().min(10, 'wafRequestsPer5Minutes must be at least 10 (AWS minimum)'),
    /** Where new applications are announced: `email` (the ops topic) or `chat` (a group robot, `npm run ops -- chat-webhook`). */
    newApplicationNotices: z.enum(['email', 'chat'], { error: 'newApplicationNotices must be email or chat' }),
    /**
     * Cognito managed-login domain prefix (`<prefix>.auth.<region>.amazoncognito.com`). Unique per region across ALL
     * AWS accounts: a second account deploying this stage (a test account, a fork) must choose its own.
     */
    consoleDomainPrefix: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'consoleDomainPrefix must be lower-case letters, digits and hyphens')
      .refine((prefix) => !/aws|amazon|cognito/.test(prefix), 'consoleDomainPrefix may not contain aws, amazon or cognito'),
    /**
     * Version of the application secret whose `originVerify` CloudFront sends (printed by `npm run ops --
     * rotate-origin-secret`). Absent: the version current when the template last changed.
     */
    originVerifyVersion: z
      .string()
      .regex(/^[0-9a-f-]{32,40}$/, 'originVerifyVersion must be a Secrets Manager version id')
      .optional(),
    /** Who runs the site (footer, privacy page). Undefined until ops fill it in; a prod site build refuses it missing. */
    // The site's operator as merchants see it (footer, privacy page, contact blocks): the one schema in
    // site-operator.ts, written with zod/mini because the Lambdas parse the same shape from SITE_OPERATOR.
    operator: z.optional(siteOperatorSchema),
    /** Search-engine push after a publish: IndexNow key (also served as /<key>.txt) and Baidu 普通收录 token. Unset: skipped. */
    searchSubmission: z
      .object({
        indexNowKey: z
          .string()
          .regex(/^[A-Za-z0-9-]{8,128}$/, 'searchSubmission.indexNowKey must be 8–128 letters, digits or hyphens')
          .optional(),
        baiduToken: z
          .string()
          .regex(/^[A-Za-z0-9]{8,64}$/, 'searchSubmission.baiduToken must be 8–64 letters or digits')
          .optional(),
      })
      .optional(),
    /** CI/CD (.github/workflows): the GitHub repository whose workflows may deploy this stage through OIDC. */
    ci: z.object({
      /** `owner/name`, exactly as GitHub spells it: the role's trust is pinned to it. */
      repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'ci.repository must be owner/name'),
      /** GitHub's OIDC provider exists once per AWS account: only one stage in an account creates it. */
      createOidcProvider: z.boolean(),
    }),
  })
  .refine((settings) => (settings.domainName === undefined) === (settings.certificateArn === undefined), {
    message: 'domainName and certificateArn go together: give both or neither',
    path: ['domainName'],
  });

export type StageSettings = z.infer<typeof stageSettingsSchema>;

/** Marks a value nobody has given us yet: reserved example domains (RFC 2606) and the all-zero account. */
const PLACEHOLDER = /(^|[.@])example\.(com|invalid)$|:000000000000:|^your-org\//;

/** Settings that only validate (see the file comment); `npm run deploy`/`publish` refuse them for prod. */
export function placeholderSettings(settings: StageSettings): string[] {
  const candidates: Record<string, string | undefined> = {
    domainName: settings.domainName,
    certificateArn: settings.certificateArn,
    opsEmail: settings.opsEmail,
    privacyContact: settings.privacyContact,
    'ci.repository': settings.ci.repository,
  };
  const placeholders = Object.entries(candidates)
    .filter(([, value]) => value !== undefined && PLACEHOLDER.test(value))
    .map(([key]) => key);
  // No operator yet: the site would name nobody (its prod build refuses that too, site-operator.ts).
  return settings.operator === undefined ? [...placeholders, 'operator'] : placeholders;
}

/** Settings prod cannot run without (the schema allows them absent for dev). */
export function missingProdSettings(settings: StageSettings): string[] {
  const required = { domainName: settings.domainName, opsEmail: settings.opsEmail, privacyContact: settings.privacyContact };
  return Object.entries(required)
    .filter(([, value]) => value === undefined)
    .map(([key]) => key);
}

const stageFileValues = {
  dev: {
    region: 'ap-east-1',
    waf: false,
    wafRequestsPer5Minutes: 300,
    newApplicationNotices: 'email',
    // The prefix the first dev deployment got from the construct path; kept so that deployment is not replaced.
    consoleDomainPrefix: 'pos-portal-79cfd091',
    ci: { repository: 'your-org/pos-portal', createOidcProvider: true },
    // Dev names the visibly marked example operator, so nobody mistakes a dev site for the real one.
    operator: EXAMPLE_OPERATOR,
  },
  prod: {
    region: 'ap-east-1',
    // PLACEHOLDERS until ops give the real values: the deploy refuses them (placeholderSettings).
    domainName: 'pos.example.com',
    certificateArn: 'arn:aws:acm:us-east-1:000000000000:certificate/00000000-0000-0000-0000-000000000000',
    opsEmail: 'ops@example.com',
    privacyContact: 'privacy@example.com',
    waf: true,
    wafRequestsPer5Minutes: 300,
    newApplicationNotices: 'email',
    consoleDomainPrefix: 'pos-portal-e3366a61',
    // Same account as dev by default, where dev's stack created the provider; set true for a separate prod account.
    ci: { repository: 'your-org/pos-portal', createOidcProvider: false },
  },
} satisfies Record<StageName, z.input<typeof stageSettingsSchema>>;

/** Problems of one stage's values, each naming the setting (`prod.opsEmail: …`). */
export function stageSettingsProblems(stage: string, values: unknown): string[] {
  const parsed = stageSettingsSchema.safeParse(values);
  if (parsed.success) {
    return stage === 'prod' ? missingProdSettings(parsed.data).map((key) => `${stage}.${key}: required for prod`) : [];
  }
  return parsed.error.issues.map((issue) => `${stage}.${issue.path.join('.')}: ${issue.message}`);
}

/** Parse every stage once; throws listing every problem, each naming its stage and setting. */
export function parseStages(values: Record<StageName, unknown>): Record<StageName, StageSettings> {
  const problems = stageNames.flatMap((stage) => stageSettingsProblems(stage, values[stage]));
  if (problems.length > 0) throw new Error(`functions/deployment/stages.ts:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
  return Object.fromEntries(stageNames.map((stage) => [stage, stageSettingsSchema.parse(values[stage])])) as Record<StageName, StageSettings>;
}

/** The stages as committed, validated when this module loads. */
export const stages: Record<StageName, StageSettings> = parseStages(stageFileValues);

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (stageNames as readonly string[]).includes(value);
}

/** Settings a command line may repeat with `-c key=value` (scalars); nested ones (operator, ci) live only in the file. */
export const commandLineSettingKeys = [
  'region',
  'domainName',
  'certificateArn',
  'opsEmail',
  'privacyContact',
  'waf',
  'wafRequestsPer5Minutes',
  'newApplicationNotices',
  'consoleDomainPrefix',
  'originVerifyVersion',
] as const satisfies readonly (keyof StageSettings)[];

/**
 * `-c` values that differ from the stage file, one message per setting; empty when the command line only repeats the
 * file. Strings from the command line are compared with the file's value as written (`true`, `300`).
 */
export function contradictingSettings(stage: StageName, settings: StageSettings, commandLine: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const key of commandLineSettingKeys) {
    const given = commandLine[key];
    if (given === undefined) continue;
    const inFile = settings[key];
    if (String(given) !== String(inFile ?? '')) {
      problems.push(
        `-c ${key}=${String(given)} contradicts functions/deployment/stages.ts, where ${stage}.${key} is ${inFile === undefined ? 'not set' : String(inFile)}: change the file (and commit it) instead`,
      );
    }
  }
  return problems;
}

/**
 * Builds the CDK app the way `cdk synth` does (same entry function, same cdk.json feature flags) for tests, and
 * reads back what a synth wrote.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createPosPortalApp, type PosPortalApp } from '../../../infra/pos-portal-app.ts';
import { stackName, type StackRole } from '../../../functions/deployment/stack-outputs.ts';
import { stages, type StageName, type StageSettings } from '../../../functions/deployment/stages.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };

/** The context of the shared synth: the dev stage. */
export const testDeploymentContext = { stage: 'dev' } as const;
export const testStage = testDeploymentContext.stage;
/** The committed stage file, with an ops mailbox for dev so the optional subscription is checked too. */
export const testStages: Record<StageName, StageSettings> = { ...stages, dev: { ...stages.dev, opsEmail: 'ops@example.com' } };

/**
 * A new app with cdk.json's feature flags plus `context`, on `stageFile` (default testStages). `bundling: false` skips
 * esbuild (fast; code assets are placeholders).
 */
export function buildApp(options: {
  outdir?: string;
  context: Record<string, unknown>;
  bundling?: boolean;
  stageFile?: Record<StageName, StageSettings>;
}): PosPortalApp {
  const bundling = options.bundling ?? true;
  return createPosPortalApp(
    {
      outdir: options.outdir,
      context: { ...cdkJson.context, ...options.context, ...(bundling ? {} : { 'aws:cdk:bundling-stacks': [] }) },
    },
    options.stageFile ?? testStages,
  );
}

/** Synthesize; a thrown validation failure (cdk-nag) is returned as text because the templates are still written. */
export function synthesizeApp(options: { outdir: string; context: Record<string, unknown> }): { error: string | undefined } {
  try {
    buildApp(options).app.synth();
    return { error: undefined };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

export type CfnTemplate = {
  Resources: Record<string, { Type: string; Properties?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string }>;
  Outputs?: Record<string, { Value: unknown }>;
};

export function readTemplateJson(outdir: string, role: StackRole): CfnTemplate {
  return JSON.parse(readFileSync(join(outdir, `${stackName(testStage, role)}.template.json`), 'utf8')) as CfnTemplate;
}

export function readTemplate(outdir: string, role: StackRole): Template {
  return Template.fromJSON(readTemplateJson(outdir, role));
}

/** Resources of one type, as [logicalId, resource] pairs. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnTemplate['Resources'][string]][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

export interface Acknowledgement {
  readonly constructPath: string;
  readonly ruleId: string;
  readonly reason: string;
}

/** Every `Validations.of(…).acknowledge()` recorded in the assembly's stack metadata. */
export function readAcknowledgements(outdir: string): Acknowledgement[] {
  const acknowledgements: Acknowledgement[] = [];
  for (const file of readdirSync(outdir).filter((name) => name.endsWith('.metadata.json'))) {
    const metadata = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as Record<string, { type: string; data?: Record<string, string> }[]>;
    for (const [constructPath, entries] of Object.entries(metadata)) {
      for (const entry of entries) {
        if (entry.type !== 'aws:cdk:acknowledged-rules' || !entry.data) continue;
        for (const [qualifiedId, reason] of Object.entries(entry.data)) {
          acknowledgements.push({ constructPath, ruleId: qualifiedId.replace(/^annotation::/i, ''), reason });
        }
      }
    }
  }
  return acknowledgements;
}

export interface ValidationViolation {
  readonly plugin: string;
  readonly ruleName: string;
  readonly severity: string;
  readonly constructPaths: string[];
}

/** Unacknowledged findings of every validation plugin (cdk-nag packs, CDK's own annotations), from validation-report.json. */
export function readViolations(outdir: string): ValidationViolation[] {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as {
    pluginReports: { pluginName: string; violations?: { ruleName: string; severity: string; violatingConstructs?: { constructPath?: string }[] }[] }[];
  };
  return report.pluginReports.flatMap((plugin) =>
    (plugin.violations ?? []).map((violation) => ({
      plugin: plugin.pluginName,
      ruleName: violation.ruleName,
      severity: violation.severity,
      constructPaths: (violation.violatingConstructs ?? []).map((construct) => construct.constructPath ?? '?'),
    })),
  );
}

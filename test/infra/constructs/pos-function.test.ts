import { describe, expect, inject, it } from 'vitest';
import { readTemplateJson, resourcesOfType } from '../support/app-under-test.ts';

const { outdir } = inject('infraAssembly');
const json = readTemplateJson(outdir, 'Stateless');
const allFunctions = resourcesOfType(json, 'AWS::Lambda::Function');
const ours = allFunctions.filter(([, fn]) => String(fn.Properties?.Description).startsWith('pos-portal '));

describe('PosFunction defaults on every pos-portal function', () => {
  it('leaves only the CDK site-deployment helper outside PosFunction', () => {
    const others = allFunctions.filter(([, fn]) => !ours.some(([, own]) => own === fn)).map(([logicalId]) => logicalId);

    expect(ours).toHaveLength(8);
    expect(others).toEqual([expect.stringMatching(/^CustomCDKBucketDeployment/)]);
  });

  it.each(ours)('%s runs Node 24 on arm64 with explicit memory and timeout', (_logicalId, fn) => {
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      MemorySize: expect.any(Number),
      Timeout: expect.any(Number),
    });
  });

  it.each(ours)('%s logs to its own log group with retention, with Powertools settings and source maps', (_logicalId, fn) => {
    const logGroupId = fn.Properties!.LoggingConfig.LogGroup.Ref as string;

    expect(json.Resources[logGroupId]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: expect.any(Number) } });
    expect(fn.Properties!.Environment.Variables).toMatchObject({
      POWERTOOLS_SERVICE_NAME: 'pos-portal',
      POWERTOOLS_LOG_LEVEL: 'DEBUG',
      NODE_OPTIONS: '--enable-source-maps',
    });
  });

  it.each(ours)('%s has a role with no managed policies that may write only its own logs', (_logicalId, fn) => {
    const roleId = fn.Properties!.Role['Fn::GetAtt'][0] as string;
    const logGroupId = fn.Properties!.LoggingConfig.LogGroup.Ref as string;
    const statements = resourcesOfType(json, 'AWS::IAM::Policy')
      .filter(([, policy]) => JSON.stringify(policy.Properties!.Roles) === JSON.stringify([{ Ref: roleId }]))
      .flatMap(([, policy]) => policy.Properties!.PolicyDocument.Statement as Record<string, any>[]);
    const logStatements = statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('logs:')));

    expect(json.Resources[roleId]!.Properties!.ManagedPolicyArns).toBeUndefined();
    expect(logStatements).toEqual([
      { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
    ]);
  });
});

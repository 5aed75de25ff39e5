import { defineConfig, mergeConfig } from 'vitest/config';
import { getViteConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';

// One config, one project per kind of suite. Test files mirror the source tree;
// the suffix says which real servers a test needs:
//   *.test.ts             unit: no servers, in-memory fakes only
//   *.int.test.ts         integration: DynamoDB Local + fauxqs started by test/support/global-setup.ts
//   test/infra/**         CDK assertions and cdk-nag (synth only, offline)
//   *.browser.test.ts     Chromium against the real local stack
//   *.resilience.test.ts  bounded fault and load suites against the real local stack
//   *.iam.test.ts         after the integration project (groupOrder): the AWS calls it recorded against the roles
const root = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig(async (env) => ({
  test: {
    root,
    projects: [
      // Unit tests get Astro's Vite setup so site component tests can render .astro files with the container API.
      mergeConfig(await getViteConfig({}, { root: fileURLToPath(new URL('../site/', import.meta.url)), logLevel: 'error' })(env), {
        root,
        extends: true,
        test: {
          name: 'unit',
          root,
          include: ['test/**/*.test.ts'],
          exclude: [
            'test/**/*.int.test.ts',
            'test/**/*.browser.test.ts',
            'test/**/*.resilience.test.ts',
            'test/**/*.iam.test.ts',
            'test/infra/**',
            '**/node_modules/**',
          ],
          sequence: { groupOrder: 1 },
        },
      }),
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'iam',
          include: ['test/**/*.iam.test.ts'],
          // Reads what the integration project recorded (test/support/aws-call-recorder.ts), so it runs after it. (The
          // projects it follows are group 1, not the default 0: vitest runs a group-0 project that has one worker, as
          // on a two-core machine, after every numbered group.)
          sequence: { groupOrder: 2 },
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          // Synthesizes the CDK app once per run and shares the cloud assembly with every infra test file.
          globalSetup: ['test/infra/support/synth-once.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/**/*.browser.test.ts'],
          // Builds the site if stale and starts the local stack once for every browser test file.
          globalSetup: ['test/browser/support/global-setup.ts'],
          // Answers come from the real stack on a shared machine; give polled assertions time.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 60_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'resilience',
          include: ['test/**/*.resilience.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
}));

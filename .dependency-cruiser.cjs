/**
 * The layer rules, in one place (README "Folder map" and docs/testing.md explain them). `npm run lint:deps` checks
 * them; `npm test` runs it too (test/architecture/boundaries.test.ts), and that test plants a wrong-way import to
 * show each rule fails.
 */
const serverOrCli = '^functions/(adapters|handlers|lambda|local|ops|deployment|config\\.ts|logger\\.ts)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'The domain is pure: it imports nothing from other folders of the project.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { path: '^(functions|site|infra|test)/', pathNot: '^functions/domain/' },
    },
    {
      name: 'domain-without-cycles',
      comment: 'Domain modules import each other without cycles, type-only imports included.',
      severity: 'error',
      from: { path: '^functions/domain/' },
      to: { path: '^functions/domain/', circular: true },
    },
    {
      name: 'use-cases-import-only-domain-and-ports',
      comment: 'A use case receives its ports (functions/domain/ports.ts) and returns data: no adapters, HTTP, CLI or labels.',
      severity: 'error',
      from: { path: '^functions/use-cases/' },
      to: { path: '^(functions|site|infra|test)/', pathNot: '^functions/(domain|use-cases)/' },
    },
    {
      name: 'sdk-only-in-adapters',
      comment: 'Only functions/adapters/ talks to AWS; everything else goes through a port or an adapter factory.',
      severity: 'error',
      from: { pathNot: '^functions/adapters/|(^|/)node_modules/' },
      to: { path: '(^|/)node_modules/@aws-sdk/' },
    },
    {
      name: 'cli-presentation-only-from-cli',
      comment: 'functions/ops/ is the ops CLI (terminal output included): only the CLI itself and tests import it.',
      severity: 'error',
      from: { path: '^(functions|site|infra)/', pathNot: '^functions/ops/' },
      to: { path: '^functions/ops/' },
    },
    {
      name: 'functions-never-import-infra',
      comment: 'infra/ imports functions/ (routes, table design, config, stack outputs), never the reverse: no cycle.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^infra/' },
    },
    {
      name: 'functions-never-import-site',
      comment: 'site/ imports functions/ (page shell, forms, domain, labels), never the reverse.',
      severity: 'error',
      from: { path: '^functions/' },
      to: { path: '^site/' },
    },
    {
      name: 'browser-never-imports-server-or-cli',
      comment:
        'Browser scripts get the domain, the labels and the shared HTML renderers and the console sign-in settings contract; never adapters, handlers, the CLI, the local stack or config. Use-case result types may be imported as types.',
      severity: 'error',
      from: { path: '^site/src/scripts/' },
      to: {
        path: [
          serverOrCli,
          '^functions/use-cases/',
          '^functions/http/(?!html-fragments\\.ts|status-result-html\\.ts|page-shell\\.ts|html-pages\\.ts|console-sign-in-config\\.ts)',
        ],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'browser-never-imports-node',
      comment: 'Browser scripts run in the browser: no Node built-ins.',
      severity: 'error',
      from: { path: '^site/src/scripts/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|cdk\\.out|\\.astro)/' },
    tsPreCompilationDeps: true,
    combinedDependencies: false,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};

// Plain `tsc` (npm run typecheck) does not understand .astro files; `astro check` does, and resolves the real
// component types first. This fallback lets the component tests import components for the container API.
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';

  const component: AstroComponentFactory;
  export default component;
}

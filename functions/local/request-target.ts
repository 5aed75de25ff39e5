/**
 * The URL of an incoming request's target, read the way CloudFront and API Gateway read it: as a path on our own
 * origin. `new URL(target, base)` would read `//evil.example/x` as another host; prefixing the origin keeps it a path
 * (`//evil.example/x`), and a target that is no path at all (`http://[`, `*`) is undefined: the caller answers 400.
 */
const LOCAL_ORIGIN = 'http://localhost';

export function parseRequestTarget(target: string | undefined): URL | undefined {
  const path = target ?? '/';
  if (!path.startsWith('/')) return undefined;
  try {
    return new URL(`${LOCAL_ORIGIN}${path}`);
  } catch {
    return undefined;
  }
}

import { describe, expect, it } from 'vitest';
import { matchApiRoute, methodsAllowedOn } from '../../../functions/http/routes.ts';

describe('route table matching (as API Gateway selects routes)', () => {
  it.each([
    ['POST', '/api/applications', 'POST /api/applications'],
    ['GET', '/api/applications/thanks', 'GET /api/applications/thanks'],
    ['POST', '/api/applications/status', 'POST /api/applications/status'],
    ['GET', '/api/applications', 'ANY /api/{proxy+}'],
    ['DELETE', '/api/applications/status', 'ANY /api/{proxy+}'],
    ['GET', '/api/anything/deeper', 'ANY /api/{proxy+}'],
  ])('%s %s → %s', (method, path, routeKey) => {
    const route = matchApiRoute(method, path);

    expect(route && `${route.method} ${route.path}`).toBe(routeKey);
  });

  it('fits no parameterised route with a segment that is not valid percent-encoding (the catch-all answers 404)', () => {
    expect(matchApiRoute('GET', '/api/console/applications/%E0%A4%A')?.path).toBe('/api/{proxy+}');
    expect(methodsAllowedOn('/api/console/applications/%ZZ')).toEqual([]);
  });

  it('matches nothing outside /api/', () => {
    expect(matchApiRoute('GET', '/apply/')).toBeUndefined();
    expect(matchApiRoute('GET', '/api/')).toBeUndefined();
  });

  it('knows which methods a path has, for 405 versus 404', () => {
    expect(methodsAllowedOn('/api/applications')).toEqual(['POST']);
    expect(methodsAllowedOn('/api/applications/thanks')).toEqual(['GET']);
    expect(methodsAllowedOn('/api/nothing')).toEqual([]);
  });
});

describe('console routes', () => {
  it('match references in the path and say who may call them', async () => {
    const { apiRoutes, pathParametersOf } = await import('../../../functions/http/routes.ts');
    const reveal = matchApiRoute('POST', '/api/console/applications/PA-7K3F-9Q2M/phone');

    expect(reveal && `${reveal.method} ${reveal.path}`).toBe('POST /api/console/applications/{reference}/phone');
    expect(reveal && pathParametersOf(reveal, '/api/console/applications/PA-7K3F-9Q2M/phone')).toEqual({ reference: 'PA-7K3F-9Q2M' });
    expect(matchApiRoute('DELETE', '/api/console/applications/PA-7K3F-9Q2M')?.path).toBe('/api/{proxy+}');
    expect(apiRoutes.filter((route) => route.path.startsWith('/api/console/')).every((route) => route.access !== 'public')).toBe(true);
    expect(apiRoutes.filter((route) => !route.path.startsWith('/api/console/')).every((route) => route.access === 'public')).toBe(true);
  });
});

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

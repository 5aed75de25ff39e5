/** The console's calls to `/api/console/*` with the signed-in user's access token. */
import { currentUser } from './session.ts';

export type ConsoleAnswer<T> =
  | { kind: 'ok'; body: T; response: Response }
  /** No token, or the server refused it: show the sign-in prompt. */
  | { kind: 'signed_out' }
  | { kind: 'error'; status: number; message: string; fields: Record<string, string> };

export async function consoleRequest<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ConsoleAnswer<T>> {
  const user = await currentUser();
  if (!user) return { kind: 'signed_out' };
  let response: Response;
  try {
    response = await fetch(`/api/console/${path}`, {
      method,
      headers: { authorization: `Bearer ${user.access_token}`, accept: 'application/json', ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(20_000),
    });
  } catch {
    return { kind: 'error', status: 0, message: '网络不通，请检查网络后重试', fields: {} };
  }
  if (response.status === 401) return { kind: 'signed_out' };
  if (!response.ok) {
    const error = ((await response.json().catch(() => ({}))) as { error?: { message?: string; fields?: Record<string, string> } }).error;
    return { kind: 'error', status: response.status, message: error?.message ?? `出错了（${response.status}），请稍后重试`, fields: error?.fields ?? {} };
  }
  const isJson = response.headers.get('content-type')?.includes('json');
  return { kind: 'ok', body: (isJson ? await response.json() : await response.blob()) as T, response };
}

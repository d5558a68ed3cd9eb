// REST calls under /api/v1 with the session's bearer token. A 401 means the token is no longer
// good (expired, or the user was disabled): the page returns to the login form.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let expiredHandler: () => void = () => undefined;
export const onUnauthorized = (handler: () => void) => (expiredHandler = handler);

export async function api<T>(
  token: string | null,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Accept: 'application/json',
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (res.status === 401 && token) expiredHandler();
  if (!res.ok) throw new ApiError(res.status, messageOf(body) ?? `HTTP ${res.status}`);
  return body as T;
}

function messageOf(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const m = (body as { message?: unknown }).message;
  return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : undefined;
}

export interface LoginAnswer {
  accessToken: string;
  expiresIn: number;
}

export interface Me {
  id: string;
  username: string;
  role: 'user' | 'admin';
}

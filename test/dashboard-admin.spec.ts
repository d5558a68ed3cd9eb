import { jest } from '@jest/globals';
import { findUserId } from '../web/src/views/admin/shared.js';

// The admin screens name users by username; the API searches by prefix (ignoring case), so the
// page must pick the user whose name is the one typed, not merely the first that starts with it.

const answer = (items: Array<{ id: string; username: string }>) =>
  jest.fn(async () => new Response(JSON.stringify({ items, nextCursor: null }), { status: 200 }));

describe('naming a user by username', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => (globalThis.fetch = realFetch));

  it('takes the exact name among those that start with it, and asks by prefix', async () => {
    const fetch = answer([
      { id: 'id-1', username: 'ann-marie' },
      { id: 'id-2', username: 'ann' },
    ]);
    globalThis.fetch = fetch as unknown as typeof globalThis.fetch;
    expect(await findUserId('token', 'ann')).toBe('id-2');
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/users?q=ann&limit=50');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer token' });
  });

  it('accepts a different case when nobody has the exact name', async () => {
    globalThis.fetch = answer([{ id: 'id-3', username: 'Bob' }]) as unknown as typeof fetch;
    expect(await findUserId('token', 'bob')).toBe('id-3');
  });

  it('says so when no user has that name', async () => {
    globalThis.fetch = answer([{ id: 'id-4', username: 'carola' }]) as unknown as typeof fetch;
    await expect(findUserId('token', 'carol')).rejects.toThrow('No user is named carol.');
  });
});

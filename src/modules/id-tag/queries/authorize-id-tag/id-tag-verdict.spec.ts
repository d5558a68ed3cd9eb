import { idTagVerdict } from './id-tag-verdict.js';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const tag = (o: Partial<Parameters<typeof idTagVerdict>[0] & object> = {}) => ({
  status: 'Accepted' as const,
  expiresAt: null,
  parentIdTag: null,
  ...o,
});

describe('idTagVerdict', () => {
  it.each([
    [false, 'Invalid'],
    [true, 'Accepted'],
  ])('an unknown tag with acceptUnknown=%s is %s, with nothing else', (acceptUnknown, status) => {
    expect(idTagVerdict(null, acceptUnknown, NOW)).toEqual({ status });
  });

  it('blocked wins over expired, and both carry the expiry and the parent', () => {
    const expired = new Date('2026-01-01T00:00:00.000Z');
    expect(
      idTagVerdict(tag({ status: 'Blocked', expiresAt: expired, parentIdTag: 'P' }), false, NOW),
    ).toEqual({ status: 'Blocked', expiryDate: expired.toISOString(), parentIdTag: 'P' });
    expect(idTagVerdict(tag({ expiresAt: expired }), false, NOW)).toEqual({
      status: 'Expired',
      expiryDate: expired.toISOString(),
    });
  });

  it('expires at expiresAt itself, not a millisecond later', () => {
    expect(idTagVerdict(tag({ expiresAt: NOW }), false, NOW).status).toBe('Expired');
    const later = new Date(NOW.getTime() + 1);
    expect(idTagVerdict(tag({ expiresAt: later }), false, NOW).status).toBe('Accepted');
  });
});

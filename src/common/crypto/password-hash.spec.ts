import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashing', () => {
  it('verifies the password it hashed', async () => {
    const stored = await hashPassword('correct horse battery staple');

    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(true);
  });

  it('refuses a wrong password', async () => {
    const stored = await hashPassword('correct horse battery staple');

    await expect(verifyPassword('correct horse battery stapler', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  it('does not store the password itself', async () => {
    const stored = await hashPassword('correct horse battery staple');

    expect(stored).not.toContain('correct horse battery staple');
    expect(stored).not.toContain(Buffer.from('correct horse battery staple').toString('base64'));
  });

  it('salts every hash: the same password hashes differently each time', async () => {
    const first = await hashPassword('s3cret-pass');
    const second = await hashPassword('s3cret-pass');

    expect(first).not.toBe(second);
    await expect(verifyPassword('s3cret-pass', first)).resolves.toBe(true);
    await expect(verifyPassword('s3cret-pass', second)).resolves.toBe(true);
  });

  // Chargers send their password as raw bytes from HTTP Basic auth.
  it('accepts a Buffer password and matches it with the same string', async () => {
    const stored = await hashPassword(Buffer.from('charger-pass-ä'));

    await expect(verifyPassword(Buffer.from('charger-pass-ä'), stored)).resolves.toBe(true);
    await expect(verifyPassword('charger-pass-ä', stored)).resolves.toBe(true);
    await expect(verifyPassword(Buffer.from('charger-pass-a'), stored)).resolves.toBe(false);
  });

  it('verifies a Buffer password that is not valid UTF-8', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    const stored = await hashPassword(bytes);

    await expect(verifyPassword(Buffer.from([0xff, 0xfe, 0x00, 0x41]), stored)).resolves.toBe(true);
    await expect(verifyPassword(Buffer.from([0xff, 0xfe, 0x00, 0x42]), stored)).resolves.toBe(
      false,
    );
  });

  it.each([
    ['an empty string', ''],
    ['a plain-text password', 'correct horse battery staple'],
    ['another scheme', 'bcrypt$2b$10$abcdefghijklmnopqrstuv'],
    ['no salt', 'scrypt$$c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5MTI='],
    ['no key', 'scrypt$c2FsdHNhbHRzYWx0c2FsdA==$'],
    ['the scheme alone', 'scrypt'],
  ])('refuses any password against %s', async (_label, stored) => {
    await expect(verifyPassword('correct horse battery staple', stored)).resolves.toBe(false);
    await expect(verifyPassword('', stored)).resolves.toBe(false);
  });

  // A key that decodes to zero bytes must not compare equal to a zero-length derived key.
  it.each([
    ['a key of non-base64 characters', 'scrypt$c2FsdHNhbHRzYWx0c2FsdA==$!!!!'],
    ['a key of padding only', 'scrypt$c2FsdHNhbHRzYWx0c2FsdA==$=='],
  ])('refuses any password against %s', async (_label, stored) => {
    await expect(verifyPassword('any password at all', stored)).resolves.toBe(false);
  });
});

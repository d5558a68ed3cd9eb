import { generateChargerSecret, hashChargerSecret, verifyChargerSecret } from './charger-secret.js';
import { hashPassword } from './password-hash.js';

describe('charger secrets', () => {
  it('verifies the right secret and refuses another, salted per hash', async () => {
    const secret = generateChargerSecret();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const stored = hashChargerSecret(secret);
    expect(stored).not.toBe(hashChargerSecret(secret));
    await expect(verifyChargerSecret(secret, stored)).resolves.toBe(true);
    await expect(verifyChargerSecret(Buffer.from(secret), stored)).resolves.toBe(true);
    await expect(verifyChargerSecret(`${secret}x`, stored)).resolves.toBe(false);
  });

  it('still verifies the scrypt hashes stored before', async () => {
    const stored = await hashPassword('an-older-charger-pass');
    await expect(verifyChargerSecret('an-older-charger-pass', stored)).resolves.toBe(true);
    await expect(verifyChargerSecret('another-one-entirely', stored)).resolves.toBe(false);
  });

  it('refuses a truncated or unknown hash', async () => {
    const stored = hashChargerSecret('s3cret-s3cret-s3cret');
    await expect(verifyChargerSecret('s3cret-s3cret-s3cret', stored.slice(0, -8))).resolves.toBe(
      false,
    );
    await expect(verifyChargerSecret('x', 'md5$a$b')).resolves.toBe(false);
  });
});

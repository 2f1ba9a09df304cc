import { userRef } from '../../bot/logger';
import { DEVELOPMENT_HASH_SECRET, pseudonym, setPseudonymSecret } from '../../bot/pseudonym';
import { documentIdFor } from '../../bot/storage/cosmosBotStorage';

describe('pseudonyms of people\'s ids', () => {
  afterEach(() => setPseudonymSecret(DEVELOPMENT_HASH_SECRET));

  it('are stable for one key, differ between keys, and never contain the number', () => {
    const phone = '573001234567';
    setPseudonymSecret('secret-one-0123456789');
    const first = pseudonym(phone, 'state');
    expect(pseudonym(phone, 'state')).toBe(first);
    expect(first).not.toContain(phone);
    setPseudonymSecret('secret-two-0123456789');
    expect(pseudonym(phone, 'state')).not.toBe(first);
  });

  it('are unlinkable between uses: a log reference is not a prefix of the state document id', () => {
    const key = 'whatsapp/users/573001234567/';
    expect(documentIdFor(key).startsWith(userRef(key))).toBe(false);
    expect(userRef(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(documentIdFor(key)).toMatch(/^[0-9a-f]{64}$/);
  });
});

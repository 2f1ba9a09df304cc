import { userRef } from '../../bot/logger';
import { createHmac } from 'node:crypto';
import { DEVELOPMENT_HASH_SECRET, MEMO_LIMIT, memoisedPseudonyms, pseudonym, setPseudonymSecret } from '../../bot/pseudonym';
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

  it('are memoised in a bounded cache that forgets the least recently used and never returns a stale key\'s value', () => {
    setPseudonymSecret('secret-one-0123456789');
    const hmac = (value: string) => createHmac('sha256', 'secret-one-0123456789').update(`state\u0000${value}`).digest('hex');
    const kept = '573000000000';
    expect(pseudonym(kept, 'state')).toBe(hmac(kept));
    for (let i = 1; i <= MEMO_LIMIT + 50; i++) {
      pseudonym(`57310${String(i).padStart(7, '0')}`, 'state');
      if (i % 1000 === 0) expect(pseudonym(kept, 'state')).toBe(hmac(kept)); // kept recently used
    }
    expect(memoisedPseudonyms()).toBe(MEMO_LIMIT);
    expect(pseudonym(kept, 'state')).toBe(hmac(kept));
    setPseudonymSecret('secret-two-0123456789');
    expect(memoisedPseudonyms()).toBe(0);
    expect(pseudonym(kept, 'state')).not.toBe(hmac(kept));
  });
});

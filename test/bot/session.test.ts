/** A turn's session reads the message's understanding only when a part of the turn asks for it, and once. */
import type { Understanding } from '../../bot/nlu/understanding';
import { createSession } from '../../bot/turn/session';

describe('session understanding', () => {
  it('is read the first time it is asked for, and only then', () => {
    let reads = 0;
    const understood: Understanding = { group: { value: 'venezuelan', evidence: 'venezolana' } };
    const session = createSession({}, 'es', () => (reads++, understood));
    expect(reads).toBe(0); // a "menú" or a tapped row that never asks costs nothing
    expect(session.understanding).toBe(understood);
    expect(session.understanding.group?.value).toBe('venezuelan');
    expect(reads).toBe(1);
  });

  it('may still be given as it is, or not at all', () => {
    const understood: Understanding = { urgency: { value: true, evidence: 'urgente' } };
    expect(createSession({}, 'es', understood).understanding).toBe(understood);
    expect(createSession({}, 'es').understanding).toEqual({});
  });
});

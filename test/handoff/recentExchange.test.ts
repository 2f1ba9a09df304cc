import { RecentExchange } from '../../bot/handoff/recentExchange';

describe('the recent exchange kept for an advisor (memory only)', () => {
  it('keeps the last lines of each conversation, shortened, oldest first', () => {
    const exchange = new RecentExchange({ lines: 3, lineLength: 12 });
    exchange.add('a', 'person', 'uno');
    exchange.add('a', 'bot', 'dos   dos');
    exchange.add('a', 'person', 'tres');
    exchange.add('a', 'bot', 'cuatro, un texto largo');
    exchange.add('b', 'person', 'otra conversación');
    expect(exchange.recent('a')).toEqual([
      { from: 'bot', text: 'dos dos' },
      { from: 'person', text: 'tres' },
      { from: 'bot', text: 'cuatro, un …' },
    ]);
  });

  it('forgets lines older than its age limit, and whole conversations past its size', () => {
    let now = 0;
    const exchange = new RecentExchange({ maxAgeMs: 1000, conversations: 2, now: () => now });
    exchange.add('a', 'person', 'vieja');
    now = 1500;
    exchange.add('a', 'person', 'nueva');
    expect(exchange.recent('a').map((l) => l.text)).toEqual(['nueva']);
    exchange.add('b', 'person', 'b');
    exchange.add('c', 'person', 'c');
    expect(exchange.recent('a')).toEqual([]); // least recently used, dropped
    expect(exchange.recent('c').map((l) => l.text)).toEqual(['c']);
  });

  it('remembers danger kinds without words, and forgets everything on request', () => {
    const exchange = new RecentExchange();
    exchange.addDanger('a', ['trafficking']);
    exchange.addDanger('a', ['trafficking', 'violence']);
    expect(exchange.dangers('a')).toEqual(['trafficking', 'violence']);
    exchange.forget('a');
    expect(exchange.dangers('a')).toEqual([]);
    expect(exchange.recent('a')).toEqual([]);
  });
});

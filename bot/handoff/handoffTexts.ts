/**
 * The hand-off's words, from the content files (bot/content/locales/<locale>/handoff.json): what
 * the person is told, and the private notes advisors read (in the bot's default language, the
 * advisors' own). The PRO line is the common fact `nationalLine`, never a number written here.
 */
import type { ContentCatalog } from '../content/catalog';
import type { Locale } from '../content/locale';
import { describeHours, type HandoffHours, isWithinHours, nextOpening, openingDayName } from './handoffHours';
import type { ExchangeLine } from './recentExchange';

/** What the context note says about the person (ids, as the bot knows them; none is personal). */
export interface HandoffProfile {
  theme?: string;
  department?: string;
  group?: string;
  language: Locale;
  channel: string;
}

function bogotaTime(when: Date): string {
  const local = new Date(when.getTime() - 5 * 3600 * 1000);
  return `${String(local.getUTCHours()).padStart(2, '0')}:${String(local.getUTCMinutes()).padStart(2, '0')}`;
}

export class HandoffTexts {
  constructor(
    private readonly content: ContentCatalog,
    private readonly hours: HandoffHours,
    /** The advisors' language for private notes. */
    private readonly noteLocale: Locale,
  ) {}

  ui(locale: Locale, key: string, vars?: Record<string, string | number>): string {
    return this.content.ui(locale, 'handoff', key, vars);
  }

  /** "An advisor will answer in service hours…" (or from when, outside them), then the PRO line meanwhile. */
  opened(locale: Locale, now: Date): string {
    const hours = describeHours(this.hours, locale);
    const first = isWithinHours(this.hours, now)
      ? this.ui(locale, 'opened', { hours })
      : (() => {
          const next = nextOpening(this.hours, now);
          return this.ui(locale, 'openedOutsideHours', { hours, day: openingDayName(next, locale), time: bogotaTime(next) });
        })();
    return `${first}\n\n${this.meanwhile(locale)}`;
  }

  /** The PRO line, introduced. */
  meanwhile(locale: Locale): string {
    return `${this.ui(locale, 'meanwhile')}\n${this.nationalLine(locale)}`;
  }

  /** Opening failed: nothing lost, try again, the PRO line. */
  failed(locale: Locale): string {
    return `${this.ui(locale, 'failed')}\n${this.nationalLine(locale)}`;
  }

  /** Hand-off not configured: today's behaviour, the PRO line. */
  unavailable(locale: Locale): string {
    return `${this.ui(locale, 'unavailable')}\n${this.nationalLine(locale)}`;
  }

  nationalLine(locale: Locale): string {
    return this.content.fact(locale, 'common', 'nationalLine');
  }

  /** The one private note with the context, from this conversation only. */
  contextNote(profile: HandoffProfile, lines: readonly ExchangeLine[]): string {
    const l = this.noteLocale;
    const unknown = this.ui(l, 'noteUnknown');
    const exchange = lines.length
      ? lines.map((line) => `${this.ui(l, line.from === 'person' ? 'noteAsked' : 'noteAnswered')} ${line.text}`).join('\n')
      : this.ui(l, 'noteNothingYet');
    const facts = this.ui(l, 'noteProfile', {
      theme: profile.theme ?? unknown,
      department: profile.department ?? unknown,
      group: profile.group ?? unknown,
      language: profile.language,
      channel: profile.channel,
    });
    return `${this.ui(l, 'noteContextTitle')}\n\n${exchange}\n\n${facts}`;
  }

  note(key: 'notePersonLeft' | 'noteDeleted' | 'noteWindowClosedNoTemplate', vars?: Record<string, string | number>): string {
    return this.ui(this.noteLocale, key, vars);
  }

  /** Stands in the context note for the emergency lines the bot sent. */
  emergencyLinesSent(): string {
    return this.ui(this.noteLocale, 'noteEmergencyLinesSent');
  }

  emergencyNote(kinds: readonly string[]): string {
    return this.ui(this.noteLocale, 'noteEmergency', { kinds: kinds.join(', ') });
  }

  windowClosedNote(template: string | undefined): string {
    return template ? this.ui(this.noteLocale, 'noteWindowClosed', { template }) : this.ui(this.noteLocale, 'noteWindowClosedNoTemplate');
  }

  deliveredNote(count: number): string {
    return this.ui(this.noteLocale, 'noteDelivered', { count });
  }
}

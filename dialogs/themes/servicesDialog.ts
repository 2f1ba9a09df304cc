/**
 * Theme "services": humanitarian services near the person, for their need. Asks the need (a list
 * in plain words) and the place (a typed municipality or department, a WhatsApp location pin, or
 * the place remembered from last time), then lists up to five active services, nearest first,
 * with the national lines that fit the need; "ver más" pages further.
 */
import { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { Choice } from '../../bot/content/choice';
import type { ContentCatalog } from '../../bot/content/catalog';
import type { GeoDirectory } from '../../bot/geo';
import { formatKm, NEARBY_KM, UNDER_ONE_KM } from '../../bot/referrals/distance';
import { formatPhone } from '../../bot/referrals/phoneNumbers';
import type { FoundReferral, ReferralDirectory, ServiceQuery } from '../../bot/referrals/referralDirectory';
import { isServiceKind, type ServiceKind } from '../../bot/referrals/serviceKinds';
import { shortenText } from '../../bot/text/shorten';
import type { ChoiceAnswer } from '../prompts/choicePrompt';
import { PLACE_PROMPT, placeAnswerIn, PlacePrompt, placePromptOptions } from '../prompts/placePrompt';
import { ProWaterfallDialog, roundCoordinate } from '../proWaterfallDialog';
import { textMessage } from '../../bot/turn/replies';
import { getSession } from '../../bot/turn/session';
import { ThemeDialog, ThemeResult } from '../themeDialog';

export const SERVICES_DIALOG = 'services';
const FLOW = 'servicesFlow';
export const PAGE_SIZE = 5;
/** After this many unknown place names, stop asking and give the national lines. */
const PLACE_ATTEMPTS = 2;

/** Where to search: a municipality, a department, or a shared location (kept only rounded, during the search). */
type Place = { municipalityCode: string } | { departmentCode: string } | { near: { lat: number; lon: number } };

/** The "any kind of service" choice of the second list of needs. */
const ANY_SERVICE = 'any_service';
/** The need asked for: a kind of service of the directory, or any. */
type Need = ServiceKind | typeof ANY_SERVICE;

function needIn(id: string | undefined): Need | undefined {
  return id !== undefined && (id === ANY_SERVICE || isServiceKind(id)) ? id : undefined;
}

interface FlowOptions {
  need?: Need;
  place?: Place;
  offset?: number;
  /** Ask for a place without offering the remembered one ("otro lugar"). */
  askNewPlace?: boolean;
  placeAttempts?: number;
}

/** What the person has told the services flow. */
export interface ServicesDetails {
  need?: Need;
  /** Where the last search was (a location only rounded), for "ver más" and "otra necesidad". */
  place?: Place;
  /** Municipality codes offered when a typed name was ambiguous (the name itself is not kept). */
  ambiguous?: string[];
}

/** What the place steps hand on to the search: the place, or none (give the national lines). */
interface Resolved {
  place?: Place;
  /** The person would rather not say where they are: national lines, nothing remembered. */
  declined?: boolean;
}

function isPlace(value: unknown): value is Place {
  if (typeof value !== 'object' || value === null) return false;
  if ('municipalityCode' in value) return typeof value.municipalityCode === 'string';
  if ('departmentCode' in value) return typeof value.departmentCode === 'string';
  if (!('near' in value) || typeof value.near !== 'object' || value.near === null) return false;
  const { near } = value;
  return 'lat' in near && typeof near.lat === 'number' && 'lon' in near && typeof near.lon === 'number';
}

/** The place steps' hand-off, checked: after "atrás" or a language switch it comes back from saved state. */
function resolvedIn(result: unknown): Resolved | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  return { place: 'place' in result && isPlace(result.place) ? result.place : undefined, declined: 'declined' in result && result.declined === true };
}

const DECLINE_PLACE = 'no_place';

export class ServicesDialog extends ThemeDialog<ServicesDetails> {
  protected override readonly savedLoose = ['need', 'place', 'ambiguous'] as const;

  constructor(content: ContentCatalog, private readonly directory: ReferralDirectory, private readonly geo: GeoDirectory) {
    super(SERVICES_DIALOG, content, 'services');
    this.addDialog(new PlacePrompt(PLACE_PROMPT));
    this.addDialog(
      new ProWaterfallDialog<FlowOptions>(FLOW, [
        this.askNeed.bind(this),
        this.askMoreNeeds.bind(this),
        this.askPlace.bind(this),
        this.resolvePlace.bind(this),
        this.pickAmbiguousPlace.bind(this),
        this.showServices.bind(this),
        this.afterResults.bind(this),
      ]),
    );
    this.initialDialogId = FLOW;
  }

  /** Ask the need, unless it is already known (paging, or "otro lugar"). */
  private async askNeed(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (step.options?.need) return step.next({ id: step.options.need } satisfies ChoiceAnswer);
    return this.ask(step, { text: this.ui(step, 'needQuestion'), choices: this.choices(step, 'needs') });
  }

  /** "Otras necesidades" opens the second list (shelter, food, cash, water, protection, any). */
  private async askMoreNeeds(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    if (this.chosen(step)?.id !== 'other_needs') return step.next(step.result);
    return this.ask(step, { text: this.ui(step, 'needMoreQuestion'), choices: this.choices(step, 'moreNeeds') });
  }

  /** Ask the place: offer the one remembered from last time, or a name, or a location pin. */
  private async askPlace(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    this.details(step).need = needIn(this.chosen(step)?.id);
    if (step.options?.place) return step.next({ kind: 'known' });
    const retryText = this.ui(step, 'placeNotFound');
    const remembered = step.options?.askNewPlace ? undefined : this.rememberedPlace(step);
    // Saying where one is stays optional: "prefiero no decir" is always offered (and understood typed).
    const decline = this.choices(step, 'placeOptions');
    if (remembered) {
      return step.prompt(
        PLACE_PROMPT,
        placePromptOptions({ text: this.ui(step, 'placeRemembered', { place: remembered.label }), choices: [...this.choices(step, 'rememberedPlace'), ...decline], retryText }),
      );
    }
    return step.prompt(PLACE_PROMPT, placePromptOptions({ text: this.ui(step, 'placeQuestion'), choices: decline, retryText }));
  }

  /** Turn the answer into a municipality, department or location; ask again when unknown. */
  private async resolvePlace(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const values = this.details(step);
    if (step.options?.place) return step.next({ place: step.options.place } satisfies Resolved);
    const answer = placeAnswerIn(step.result);
    if (answer?.kind === 'location') return step.next({ place: { near: { lat: answer.latitude, lon: answer.longitude } } } satisfies Resolved);
    if (answer?.kind === 'choice' && answer.id === DECLINE_PLACE) return step.next({ declined: true } satisfies Resolved);
    if (answer?.kind === 'choice') {
      const remembered = this.rememberedPlace(step);
      if (remembered) return step.next({ place: remembered.place } satisfies Resolved);
    }
    // Asked again after "atrás" or a language switch: the typed name is not kept, its candidates are.
    if (answer?.kind === 'text' && answer.text === undefined && values.ambiguous) return this.askWhichPlace(step, values.ambiguous);
    const resolution = this.geo.resolvePlace(answer?.kind === 'text' ? (answer.text ?? '') : '');
    if (resolution.kind === 'municipality') return step.next({ place: { municipalityCode: resolution.municipality.code } } satisfies Resolved);
    if (resolution.kind === 'department') return step.next({ place: { departmentCode: resolution.department.code } } satisfies Resolved);
    if (resolution.kind === 'ambiguous') {
      values.ambiguous = resolution.candidates.slice(0, 10).map((c) => c.municipality.code);
      return this.askWhichPlace(step, values.ambiguous);
    }
    const attempts = (step.options?.placeAttempts ?? 0) + 1;
    if (attempts < PLACE_ATTEMPTS) {
      await this.say(step, this.ui(step, 'placeNotFound'));
      return step.replaceDialog(FLOW, { need: values.need, askNewPlace: true, placeAttempts: attempts } satisfies FlowOptions);
    }
    return step.next({} satisfies Resolved); // no place: showServices gives the national lines
  }

  /** Several municipalities share the name: which one? */
  private askWhichPlace(step: WaterfallStepContext<FlowOptions>, codes: string[]): Promise<DialogTurnResult> {
    const choices: Choice[] = codes.flatMap((code) => {
      const municipality = this.geo.municipality(code);
      const department = municipality && this.geo.department(municipality.departmentCode);
      if (!municipality || !department) return [];
      return [{ id: code, title: shortenText(`${municipality.name} (${department.name})`, 24), synonyms: [department.name, `${municipality.name} ${department.name}`] }];
    });
    return this.ask(step, { text: this.ui(step, 'placeAmbiguous'), choices });
  }

  /** The person picked one of several places sharing a name (or the place was already known). */
  private async pickAmbiguousPlace(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const id = this.chosen(step)?.id;
    if (id && /^\d{5}$/.test(id)) return step.next({ place: { municipalityCode: id } } satisfies Resolved);
    return step.next(step.result);
  }

  /** List a page of services, nearest first, then the national lines that fit the need. */
  private async showServices(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const values = this.details(step);
    const need = values.need;
    const resolved = resolvedIn(step.result);
    if (resolved?.declined) {
      await this.say(step, `${this.ui(step, 'placeDeclined')}\n\n${await this.nationalLinesText(step, need)}`);
      return this.askWhatNext(step, false);
    }
    // The exact place serves this search; state keeps a location only rounded (for "ver más").
    const place = resolved?.place ?? values.place;
    if (!place) {
      await this.say(step, `${this.ui(step, 'placeGiveUp')}\n\n${await this.nationalLinesText(step, need)}`);
      return this.askWhatNext(step, false);
    }
    values.place = 'near' in place ? { near: { lat: roundCoordinate(place.near.lat), lon: roundCoordinate(place.near.lon) } } : place;
    const offset = step.options?.offset ?? 0;
    const service = need && isServiceKind(need) ? need : undefined;
    const query: ServiceQuery = { service, limit: PAGE_SIZE, offset, includeNational: true, ...this.queryPlace(place) };
    const { results, hasMore } = await this.directory.findServices(query);
    this.remember(step, place);

    const vars = { need: this.needLabel(step, need), place: this.placeLabel(step, place) };
    const local = results.filter((r) => r.departmentCode);
    if (offset === 0 && local.length === 0) {
      const national = results.length ? results.map((r) => this.describe(step, r)).join('\n\n') : await this.nationalLinesText(step, need);
      await this.say(step, `${this.ui(step, 'noResults', vars)}\n\n${national}`);
      return this.askWhatNext(step, hasMore);
    }
    const nearby = (r: FoundReferral): boolean => !('near' in place) || (r.distanceKm ?? Infinity) <= NEARBY_KM;
    if (offset === 0 && !local.some(nearby)) {
      // Nothing within reach of the pin: never "near"; say how far the nearest is, then the national lines.
      const nearest = local[0];
      const header = this.ui(step, 'nothingNearby', { need: vars.need, km: NEARBY_KM, distance: this.distanceText(step, nearest.distanceKm ?? 0) });
      await this.say(step, [header, this.describe(step, nearest), this.ui(step, 'nationalHeader'), await this.nationalLinesText(step, need)].join('\n\n'));
      return this.askWhatNext(step, false);
    }
    const blocks = [this.resultsHeader(step, place, local, offset, vars)];
    // The header names the first group on the first page; a later page labels each group it shows.
    let section: string | undefined = offset === 0 ? this.sectionOf(step, place, local[0]) : undefined;
    results.forEach((r) => {
      const current = r.departmentCode ? this.sectionOf(step, place, r) : this.ui(step, 'nationalHeader');
      if (current !== section && current) blocks.push(current);
      section = current;
      blocks.push(this.describe(step, r));
    });
    // No national line fits this need: the last page still ends with the free PRO line.
    if (!hasMore && !results.some((r) => !r.departmentCode)) blocks.push(this.ui(step, 'nationalHeader'), this.content.fact(this.locale(step), 'common', 'nationalLine'));
    await this.say(step, blocks.join('\n\n'));
    return this.askWhatNext(step, hasMore);
  }

  /**
   * The first line of a page of results: "near" only where it is true (the searched municipality,
   * or within NEARBY_KM of a pin); a department search says "in"; later pages just say "more".
   */
  private resultsHeader(step: WaterfallStepContext<FlowOptions>, place: Place, local: FoundReferral[], offset: number, vars: { need: string; place: string }): string {
    if (offset > 0) return this.ui(step, 'resultsHeaderMore', vars);
    if ('departmentCode' in place) return this.ui(step, 'resultsHeaderIn', vars);
    if ('municipalityCode' in place && local[0]?.municipalityCode !== place.municipalityCode) {
      return this.ui(step, 'noneInMunicipality', { ...vars, department: this.departmentName(place.municipalityCode) });
    }
    return this.ui(step, 'resultsHeader', vars);
  }

  /** Which group a local result is listed under after the header (undefined: the header's own group). */
  private sectionOf(step: WaterfallStepContext<FlowOptions>, place: Place, r: FoundReferral | undefined): string | undefined {
    if (!r) return undefined;
    if ('near' in place) return (r.distanceKm ?? Infinity) <= NEARBY_KM ? undefined : this.ui(step, 'fartherHeader', { km: NEARBY_KM });
    if ('municipalityCode' in place && r.municipalityCode !== place.municipalityCode) {
      return this.ui(step, 'otherMunicipalities', { department: this.departmentName(place.municipalityCode) });
    }
    return undefined;
  }

  private departmentName(municipalityCode: string): string {
    return this.geo.department(municipalityCode.slice(0, 2))?.name ?? municipalityCode.slice(0, 2);
  }

  /** "a 2,5 km", "a menos de 1 km": in the person's locale, never "a 0.0 km". */
  private distanceText(step: WaterfallStepContext<FlowOptions>, km: number): string {
    return km < UNDER_ONE_KM ? this.ui(step, 'distanceUnder1') : this.ui(step, 'distance', { km: formatKm(km, this.locale(step)) });
  }

  /** More of the same, another need, another place, or back to the menu. */
  private async afterResults(step: WaterfallStepContext<FlowOptions>): Promise<DialogTurnResult> {
    const { need, place } = this.details(step);
    switch (this.chosen(step)?.id) {
      case 'more_results':
        return step.replaceDialog(FLOW, { need, place, offset: (step.options?.offset ?? 0) + PAGE_SIZE } satisfies FlowOptions);
      case 'other_need':
        return step.replaceDialog(FLOW, { place } satisfies FlowOptions);
      case 'other_place':
        return step.replaceDialog(FLOW, { need, askNewPlace: true } satisfies FlowOptions);
      default:
        return step.endDialog({ next: 'menu' } satisfies ThemeResult);
    }
  }

  private async askWhatNext(step: WaterfallStepContext<FlowOptions>, hasMore: boolean): Promise<DialogTurnResult> {
    const choices = this.choices(step, 'afterResults').filter((c) => hasMore || c.id !== 'more_results');
    return this.ask(step, { text: this.ui(step, 'nextQuestion'), choices });
  }

  private queryPlace(place: Place): Pick<ServiceQuery, 'municipalityCode' | 'departmentCode' | 'near'> {
    if ('near' in place) return { near: place.near };
    if ('municipalityCode' in place) return { municipalityCode: place.municipalityCode };
    return { departmentCode: place.departmentCode };
  }

  /** The place remembered from last time (only a municipality or department; never a location). */
  private rememberedPlace(step: WaterfallStepContext<FlowOptions>): { place: Place; label: string } | undefined {
    const last = getSession(step.context).profile.lastPlace;
    if (last?.municipalityCode && this.geo.municipality(last.municipalityCode)) {
      return { place: { municipalityCode: last.municipalityCode }, label: this.geo.describe(last.municipalityCode) ?? last.municipalityCode };
    }
    if (last?.departmentCode && this.geo.department(last.departmentCode)) {
      return { place: { departmentCode: last.departmentCode }, label: this.geo.describe(last.departmentCode) ?? last.departmentCode };
    }
    return undefined;
  }

  /** Keeps the municipality or department for next time (consent was given to reach dialogs); never a pin. */
  private remember(step: WaterfallStepContext<FlowOptions>, place: Place): void {
    const profile = getSession(step.context).profile;
    if ('municipalityCode' in place) profile.lastPlace = { departmentCode: place.municipalityCode.slice(0, 2), municipalityCode: place.municipalityCode };
    else if ('departmentCode' in place) profile.lastPlace = { departmentCode: place.departmentCode };
  }

  private needLabel(step: WaterfallStepContext<FlowOptions>, need: string | undefined): string {
    const all = [...this.choices(step, 'needs'), ...this.choices(step, 'moreNeeds')];
    if (!need || need === 'any_service') return this.ui(step, 'anyNeed');
    return all.find((c) => c.id === need)?.title ?? need;
  }

  private placeLabel(step: WaterfallStepContext<FlowOptions>, place: Place): string {
    if ('near' in place) return this.ui(step, 'yourLocation');
    const code = 'municipalityCode' in place ? place.municipalityCode : place.departmentCode;
    return this.geo.describe(code) ?? code;
  }

  /** One service as a short block: name, organisation, phones, hours, address, distance. */
  private describe(step: WaterfallStepContext<FlowOptions>, r: FoundReferral): string {
    // Every service shown is a referral given (anonymous: kind asked for, department, or the national line's id).
    getSession(step.context).counts.referralShown(r.id, this.details(step).need, r.departmentCode);
    const lines = [`*${r.name}*${r.organization && r.organization !== r.name ? ` · ${r.organization}` : ''}`];
    const contact = [
      r.phone.length ? `📞 ${r.phone.map(formatPhone).join(' / ')}` : '',
      r.whatsapp.length ? `💬 WhatsApp ${r.whatsapp.map(formatPhone).join(' / ')}` : '',
    ].filter(Boolean);
    if (contact.length) lines.push(contact.join(' · '));
    if (r.hours) lines.push(`🕒 ${r.hours}`);
    const where = [r.address, r.municipalityCode ? this.geo.describe(r.municipalityCode) : undefined].filter(Boolean).join(', ');
    const distance = r.distanceKm !== undefined ? this.distanceText(step, r.distanceKm) : '';
    if (where || distance) lines.push(`📍 ${[where, distance].filter(Boolean).join(' · ')}`);
    if (r.url) lines.push(`🔗 ${r.url}`);
    return lines.join('\n');
  }

  private async nationalLinesText(step: WaterfallStepContext<FlowOptions>, need: string | undefined): Promise<string> {
    const service: ServiceKind | undefined = need && isServiceKind(need) ? need : undefined;
    let lines = await this.directory.nationalLines(service);
    if (lines.length === 0) lines = await this.directory.nationalLines();
    if (lines.length === 0) return this.content.fact(this.locale(step), 'common', 'nationalLine');
    return lines.map((r) => this.describe(step, r)).join('\n\n');
  }
}

/**
 * The entry point: reads a message once and returns everything it already answers (see
 * {@link Understanding}). Offline and synchronous; a few tens of microseconds per message
 * (`npm run eval:nlu` measures it), so it can run on every turn.
 */
import type { Locale } from '../../content/locale';
import { GeoDirectory } from '../../geo/geoDirectory';
import type { EmergencyDetection } from '../../emergency/emergencyDetector';
import { routeTheme } from '../index';
import { extractAsylumRequest } from './asylumExtractor';
import { extractChild } from './childExtractor';
import { extractCostQuestion } from './costExtractor';
import { extractGroup } from './groupExtractor';
import { prepareMessage } from './messageText';
import { extractNeed } from './needExtractor';
import { extractPermit } from './permitExtractor';
import { extractPlace } from './placeExtractor';
import { extractPregnancy } from './pregnancyExtractor';
import { extractRelative } from './relativeExtractor';
import { extractRisks } from './riskExtractor';
import type { Understanding } from './understanding';
import { extractUrgency } from './urgencyExtractor';

export interface UnderstandOptions {
  /** The geography places are resolved against (default: the shipped DIVIPOLA). */
  geo?: GeoDirectory;
  /** The turn's emergency check when already run (ProBot runs it first), so it is not run twice. */
  emergency?: EmergencyDetection;
}

/**
 * What a message already answers.
 * `locale` is accepted so callers need not change when a field comes to depend on it; today every
 * extractor reads Spanish and English alike, because people switch languages mid-sentence.
 *
 * @example
 * understand('mi bebe nació en Cúcuta y no tiene registro civil, yo soy venezolana');
 * // → { theme: civil_registry, group: venezuelan,
 * //     child: { word: 'baby', birthplace: 'colombia', birthMunicipalityCode: '54001', registered: false }, … }
 */
export function understand(text: string, _locale?: Locale, options: UnderstandOptions = {}): Understanding {
  const geo = options.geo ?? GeoDirectory.shipped();
  const message = prepareMessage(text);
  const understanding: Understanding = {};
  if (message.tokens.length === 0) return understanding;

  const routing = routeTheme(text).decision;
  if (routing.kind === 'confident') understanding.theme = { value: routing.theme, evidence: message.padded.trim() };
  if (routing.kind === 'unsure') understanding.themeCandidates = routing.candidates;

  const group = extractGroup(message);
  if (group) understanding.group = group;
  const { permit, state } = extractPermit(message);
  if (permit) understanding.permit = permit;
  if (state) understanding.permitState = state;
  const child = extractChild(message, geo);
  if (child) understanding.child = child;
  const place = extractPlace(message, geo);
  if (place) understanding.place = place;
  const need = extractNeed(message);
  if (need) understanding.need = need;
  const pregnancy = extractPregnancy(message);
  if (pregnancy) understanding.pregnancy = pregnancy;
  const urgency = extractUrgency(message);
  if (urgency) understanding.urgency = urgency;
  const risks = extractRisks(message, text, options.emergency);
  if (risks.length > 0) understanding.risks = risks;
  // A Colombian cannot ask Colombia for refuge: a returnee's "pedí refugio en Venezuela" is about the past abroad.
  const colombian = group?.value === 'returnee' || group?.value === 'host';
  const asylum = colombian ? undefined : extractAsylumRequest(message);
  if (asylum) understanding.asylumRequested = asylum;
  const relative = extractRelative(message);
  if (relative) understanding.venezuelanRelative = relative;
  const cost = extractCostQuestion(message);
  if (cost) understanding.costQuestion = cost;
  return understanding;
}

/**
 * What may leave the process in a span: no query strings (the WhatsApp verification's
 * `hub.verify_token` travels in one), no ids of people or conversations in URL paths, no client
 * addresses, and every string with phone-number-like digit runs masked (IPv4 addresses kept), as in the logs
 * (bot/logRedaction.ts). One span processor applies it to every span before it is exported, so no
 * instrumentation (http, Azure SDK, ours) can forget.
 */
import type { Attributes, AttributeValue, Context, Span } from '@opentelemetry/api';
import { redactPhoneNumbers } from '../logRedaction';

/** Path segments after these words are ids (a Cosmos document, a Bot Framework conversation…). */
const ID_AFTER = new Set(['docs', 'conversations', 'activities', 'attachments', 'members', 'users']);
/** Attributes that hold the caller's address: for Meta's or Azure's servers today, never worth keeping. */
const CLIENT_ADDRESS = new Set(['client.address', 'client.port', 'http.client_ip', 'net.peer.ip', 'net.peer.port', 'net.sock.peer.addr', 'net.sock.peer.port', 'network.peer.address', 'network.peer.port']);
const DROPPED = new Set(['url.query', 'http.user_agent', 'user_agent.original', 'enduser.id']);
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/\s]*)?\/[^\s]*$/i;

/** A URL or path without its query or fragment, with id segments as `:id`. */
export function scrubUrl(value: string): string {
  const bare = value.replace(/[?#].*$/s, '');
  const schemeAndHost = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(bare)?.[0] ?? '';
  const segments = bare.slice(schemeAndHost.length).split('/');
  for (let i = 1; i < segments.length; i++) {
    if (segments[i] && ID_AFTER.has(segments[i - 1].toLowerCase())) segments[i] = ':id';
  }
  return redactDigits(schemeAndHost + segments.join('/'));
}

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`(?<![\\d.])(?:${OCTET}\\.){3}${OCTET}(?![\\d.])`, 'g');

/** The logs' phone-number rule, except for IPv4 addresses (a store's or Meta's server, never a person's phone). */
function redactDigits(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(IPV4)) {
    out += redactPhoneNumbers(text.slice(last, match.index)) + match[0];
    last = match.index + match[0].length;
  }
  return out + redactPhoneNumbers(text.slice(last));
}

/** Any string bound for telemetry: URLs and paths as above, other text with digit runs masked. */
export function scrubText(value: string): string {
  if (URL_LIKE.test(value)) return scrubUrl(value);
  // A span name such as "GET /api/whatsapp?hub.verify_token=…": the method, then a path.
  const spaced = /^([A-Z]+) (\/\S*)$/.exec(value);
  if (spaced) return `${spaced[1]} ${scrubUrl(spaced[2])}`;
  return redactDigits(value);
}

function scrubValue(value: AttributeValue | undefined): AttributeValue | undefined {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? scrubText(v) : v)) as AttributeValue;
  return value;
}

/** Scrubs attributes in place (the SDK hands over the span's own object), dropping client addresses. */
export function scrubAttributes(attributes: Attributes): void {
  for (const key of Object.keys(attributes)) {
    if (CLIENT_ADDRESS.has(key) || DROPPED.has(key)) delete attributes[key];
    else attributes[key] = scrubValue(attributes[key]);
  }
}

/** The part of an ended span this processor rewrites (the SDK's ReadableSpan, whose fields are plain). */
interface EndedSpan {
  name: string;
  attributes: Attributes;
  events: { name: string; attributes?: Attributes }[];
}

/** An OpenTelemetry SpanProcessor (registered before the exporter's batch processor). */
export class PersonalDataScrubber {
  onStart(_span: Span, _parentContext: Context): void {
    // Attributes set later (status, exceptions) would be missed here: everything is done at the end.
  }

  onEnd(span: unknown): void {
    const ended = span as EndedSpan;
    ended.name = scrubText(ended.name);
    scrubAttributes(ended.attributes);
    for (const event of ended.events) if (event.attributes) scrubAttributes(event.attributes);
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

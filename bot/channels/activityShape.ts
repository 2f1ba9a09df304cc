/**
 * Which Bot Framework activities /api/messages can use, and why not when it cannot: the fields the
 * bot (and CloudAdapter, which calls string methods on them) reads must have the types the protocol
 * gives them, and replies need an http(s) serviceUrl. Anything else is the client's mistake: 400.
 */
import { ActivityTypes } from 'botbuilder';

/** Activity types that start a turn. */
export const TURN_TYPES: ReadonlySet<string> = new Set<string>([ActivityTypes.Message, ActivityTypes.ConversationUpdate]);

/** Valid Bot Framework types the bot has nothing to do with: acknowledged (200), no turn. */
export const ACKNOWLEDGED_TYPES: ReadonlySet<string> = new Set<string>([
  ActivityTypes.Typing,
  ActivityTypes.EndOfConversation,
  ActivityTypes.MessageReaction,
  ActivityTypes.MessageUpdate,
  ActivityTypes.MessageDelete,
  ActivityTypes.InstallationUpdate,
  ActivityTypes.ContactRelationUpdate,
  ActivityTypes.Event,
  ActivityTypes.Trace,
]);

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** Fields that, when present, must be strings. */
const STRING_FIELDS = ['id', 'text', 'locale', 'timestamp', 'localTimestamp', 'replyToId', 'textFormat', 'deliveryMode', 'inputHint', 'name', 'speak'];
/** Fields that, when present, must be arrays of objects. */
const OBJECT_LIST_FIELDS = ['attachments', 'entities', 'membersAdded', 'membersRemoved'];
/** Account-like fields that, when present, must be objects with a string id. */
const ACCOUNT_FIELDS = ['recipient'];

function serviceUrlProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return '"serviceUrl" must be a string (where replies go)';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '"serviceUrl" is not a URL';
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? undefined : '"serviceUrl" must be an http(s) URL';
}

/**
 * Why the body is not an activity the bot can use, or undefined when it is.
 *
 * @example
 * activityProblem({ type: 'invoke', … }) // 'type "invoke" is not one this bot handles'
 */
export function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'it must be a JSON object';
  if (!nonEmpty(body.type)) return '"type" must be a non-empty string';
  if (!TURN_TYPES.has(body.type) && !ACKNOWLEDGED_TYPES.has(body.type)) return `type "${body.type.slice(0, 40)}" is not one this bot handles`;
  if (!nonEmpty(body.channelId)) return '"channelId" must be a non-empty string';
  if (!isObject(body.conversation) || !nonEmpty(body.conversation.id)) return '"conversation.id" must be a non-empty string';
  if (!isObject(body.from) || !nonEmpty(body.from.id)) return '"from.id" must be a non-empty string';
  if (body.from.name !== undefined && typeof body.from.name !== 'string') return '"from.name" must be a string';
  const urlProblem = serviceUrlProblem(body.serviceUrl);
  if (urlProblem) return urlProblem;
  for (const field of STRING_FIELDS) {
    if (body[field] !== undefined && body[field] !== null && typeof body[field] !== 'string') return `"${field}" must be a string`;
  }
  for (const field of OBJECT_LIST_FIELDS) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!Array.isArray(value) || !value.every(isObject)) return `"${field}" must be a list of objects`;
  }
  for (const field of [...ACCOUNT_FIELDS]) {
    const value = body[field];
    if (value !== undefined && value !== null && (!isObject(value) || (value.id !== undefined && typeof value.id !== 'string'))) return `"${field}" must be an object with a string id`;
  }
  for (const member of [...((body.membersAdded as Json[] | undefined) ?? []), ...((body.membersRemoved as Json[] | undefined) ?? [])]) {
    if (!nonEmpty(member.id)) return 'every member must have a string id';
  }
  if (body.channelData !== undefined && body.channelData !== null && !isObject(body.channelData)) return '"channelData" must be an object';
  if (body.suggestedActions !== undefined && body.suggestedActions !== null && !isObject(body.suggestedActions)) return '"suggestedActions" must be an object';
  return undefined;
}

/**
 * The Bot Framework channel (Emulator, Azure Bot Service channels) through CloudAdapter.
 * With no MicrosoftAppId, authentication is off (Emulator mode) — unless WhatsApp is configured,
 * when the door is closed (401) short of ALLOW_EMULATOR=true; with one, every request must carry a
 * valid Bot Framework JWT.
 *
 * `answer()` is the whole HTTP contract of /api/messages, decided before the SDK sees the request,
 * because the SDK answers a client's mistakes with 500 (a non-string serviceUrl, a malformed JWT)
 * or 501 (an invoke): 400 for an activity the bot cannot use, 401 for any bad or missing token,
 * 503 only when the token looked right but Microsoft's signing keys could not be fetched.
 */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationBotFrameworkAuthenticationOptions,
  type Activity,
  type TurnContext,
} from 'botbuilder';
import type { BotFrameworkConfig } from '../config';
import { cutInboundText } from '../text/inboundText';
import { activityProblem, TURN_TYPES } from './activityShape';
import { tokenProblem } from './bearerToken';
import { settleWithin } from '../timeLimit';

export { activityProblem } from './activityShape';


/** What /api/messages answers. */
export interface HttpAnswer {
  status: number;
  body?: unknown;
}

/** How long verifying a token may take (the SDK may fetch Microsoft's signing keys). */
const AUTH_TIMEOUT_MS = 5000;

class AuthUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthUnavailableError';
  }
}

/** True when the SDK could not get Microsoft's signing keys (its fault or the network's, not the client's). */
function isKeyFetchFailure(err: unknown): boolean {
  if (err instanceof AuthUnavailableError) return true;
  const e = err as { name?: unknown; statusCode?: unknown } | undefined;
  // node-fetch's FetchError: the keys' host unreachable; an AuthenticationError with a 5xx status: "Failed to load Keys".
  return e?.name === 'FetchError' || (typeof e?.statusCode === 'number' && e.statusCode >= 500);
}

/**
 * CloudAdapter plus the /api/messages contract.
 *
 * @example
 * const adapter = createBotFrameworkAdapter(config.botFramework);
 * const { status, body } = await adapter.answer(req.body, req.headers.authorization, (context) => bot.run(context));
 */
export class BotFrameworkChannelAdapter extends CloudAdapter {
  constructor(
    private readonly authentication: ConfigurationBotFrameworkAuthentication,
    private readonly config: BotFrameworkConfig,
  ) {
    super(authentication);
  }

  async answer(body: unknown, authorization: string | undefined, logic: (context: TurnContext) => Promise<void>): Promise<HttpAnswer> {
    if (this.config.closed) {
      return { status: 401, body: { error: 'The Bot Framework endpoint is closed: WhatsApp is configured and MicrosoftAppId is not (set ALLOW_EMULATOR=true for local Emulator use).' } };
    }
    const problem = activityProblem(body);
    if (problem) return { status: 400, body: { error: `The body is not an activity this bot can use: ${problem}.` } };
    const activity = body as Activity;
    if (this.config.appId) {
      const reason = tokenProblem(authorization, this.config.appId);
      if (reason) return { status: 401, body: { error: `Unauthorized: ${reason}.` } };
    }
    let auth;
    try {
      auth = await settleWithin(this.authentication.authenticateRequest(activity, authorization ?? ''), AUTH_TIMEOUT_MS, () => new AuthUnavailableError(`token not verified within ${AUTH_TIMEOUT_MS} ms`));
    } catch (err) {
      if (isKeyFetchFailure(err)) return { status: 503, body: { error: 'The token could not be verified now (signing keys unreachable); try again.' } };
      return { status: 401, body: { error: 'Unauthorized: the token is not valid for this bot.' } };
    }
    if (!TURN_TYPES.has(activity.type)) return { status: 200 };
    // The bot never reads past WhatsApp's maximum, on this channel either.
    if (typeof activity.text === 'string') activity.text = cutInboundText(activity.text);
    const invokeResponse = await this.processActivity(auth, activity, logic);
    return { status: invokeResponse?.status ?? 200, body: invokeResponse?.body };
  }
}

export function createBotFrameworkAdapter(config: BotFrameworkConfig, overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): BotFrameworkChannelAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {
    MicrosoftAppId: config.appId ?? '',
    MicrosoftAppPassword: config.appPassword ?? '',
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.tenantId ?? '',
    ...overrides,
  };
  return new BotFrameworkChannelAdapter(new ConfigurationBotFrameworkAuthentication(options), config);
}

/** True when the body is an activity the bot can answer (see activityProblem for the reasons it is not). */
export function isActivityBody(body: unknown): boolean {
  return activityProblem(body) === undefined;
}

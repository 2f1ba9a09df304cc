/**
 * The hand-off's moves against Chatwoot, on a person's HandoffState: open (contact by pseudonym,
 * conversation with custom attributes, one private context note), relay what the person writes,
 * flag emergencies, end it, read the advisor replies still to deliver, delete the contact.
 * No botbuilder here: bot/turn/handoffTurn.ts and bot/turn/advisorReplies.ts speak to the person.
 */
import type { Logger } from '../logger';
import type { ChatwootClient, ChatwootMessage, CustomAttributes } from './chatwootClient';
import type { HandoffDirectory, PersonReference } from './handoffDirectory';
import type { HandoffState } from './handoffState';
import type { HandoffProfile, HandoffTexts } from './handoffTexts';
import type { ExchangeLine } from './recentExchange';

export interface OpenRequest {
  /** The person's pseudonym: the Chatwoot contact's identifier (never a phone number). */
  identifier: string;
  /** Where to reach the person with the advisor's replies (stays in the bot). */
  reference: PersonReference;
  profile: HandoffProfile;
  /** Danger kinds seen in this conversation, if any (shown to advisors as an attribute). */
  emergencyKinds?: readonly string[];
  /** What was said in this conversation (RecentExchange). */
  lines: readonly ExchangeLine[];
}

export interface AdvisorHandoffOptions {
  chatwoot: ChatwootClient;
  directory: HandoffDirectory;
  texts: HandoffTexts;
  logger: Logger;
  now?: () => Date;
}

export class AdvisorHandoff {
  private readonly now: () => Date;

  constructor(private readonly options: AdvisorHandoffOptions) {
    this.now = options.now ?? (() => new Date());
  }

  get texts(): HandoffTexts {
    return this.options.texts;
  }

  /**
   * Opens the conversation. Rejects (ChatwootError, or a store error) when no conversation could be
   * opened: the person is then told and nothing is half-open. Once the conversation exists, a
   * failed context note does not undo it: the note is posted with the next relay (`contextPending`).
   */
  async open(request: OpenRequest, previous?: HandoffState): Promise<HandoffState> {
    const { chatwoot, directory, texts, logger } = this.options;
    const now = this.now();
    const contact = await chatwoot.findOrCreateContact(request.identifier);
    const conversationId = await chatwoot.createConversation(contact, this.attributes(request));
    try {
      await directory.remember(conversationId, request.reference, now);
    } catch (err) {
      // Without the directory no reply could reach the person: close what was opened, report the failure.
      await chatwoot.resolveConversation(conversationId).catch(() => undefined);
      throw err;
    }
    const state: HandoffState = {
      status: 'open',
      contactId: contact.contactId,
      conversationId,
      since: now.toISOString(),
      lastPersonMessageAt: now.toISOString(),
      deliveredUpTo: previous?.deliveredUpTo,
    };
    try {
      await chatwoot.postPrivateNote(conversationId, texts.contextNote(request.profile, request.lines));
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'hand-off context note not posted; retried with the next message');
      state.contextPending = true;
    }
    return state;
  }

  /** The conversation's custom attributes: what advisors filter and sort by. */
  private attributes(request: OpenRequest): CustomAttributes {
    const { profile, emergencyKinds } = request;
    const attributes: CustomAttributes = { language: profile.language, channel: profile.channel };
    if (profile.theme) attributes.theme = profile.theme;
    if (profile.department) attributes.department = profile.department;
    if (profile.group) attributes.group = profile.group;
    if (emergencyKinds?.length) attributes.emergency_kinds = emergencyKinds.join(',');
    return attributes;
  }

  /** Relays one message of the person; resolves with the state to keep (their 24-hour window renewed). */
  async relay(state: HandoffState & { conversationId: number }, text: string, lines: readonly ExchangeLine[], profile: HandoffProfile): Promise<HandoffState> {
    const { chatwoot, texts } = this.options;
    const next: HandoffState = { ...state, lastPersonMessageAt: this.now().toISOString() };
    if (state.contextPending) {
      await chatwoot.postPrivateNote(state.conversationId, texts.contextNote(profile, lines));
      delete next.contextPending;
    }
    await chatwoot.postIncoming(state.conversationId, text);
    return next;
  }

  /** A private note: the person wrote danger words and got the emergency lines. Best effort. */
  async flagEmergency(state: HandoffState & { conversationId: number }, kinds: readonly string[]): Promise<void> {
    await this.options.chatwoot.postPrivateNote(state.conversationId, this.options.texts.emergencyNote(kinds)).catch((err: Error) => {
      this.options.logger.warn({ err: err.message }, 'emergency note to the advisor not posted');
    });
  }

  /**
   * The person ends the hand-off ("salir", "menú") or erases their data: a note for the advisor,
   * the conversation resolved. Chatwoot being down does not keep the person handed off.
   */
  async endByPerson(state: HandoffState & { conversationId: number }, reason: 'left' | 'deleted'): Promise<HandoffState> {
    const { chatwoot, texts, directory, logger } = this.options;
    try {
      await chatwoot.postPrivateNote(state.conversationId, texts.note(reason === 'left' ? 'notePersonLeft' : 'noteDeleted'));
      await chatwoot.resolveConversation(state.conversationId);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'Chatwoot conversation not resolved; the person left the hand-off anyway');
    }
    await directory.forget(state.conversationId).catch((err: Error) => logger.warn({ err: err.message }, 'hand-off directory entry not deleted (it expires)'));
    return this.closed(state);
  }

  /** The advisor resolved the conversation. */
  async endByAdvisor(state: HandoffState & { conversationId: number }): Promise<HandoffState> {
    await this.options.directory.forget(state.conversationId).catch(() => undefined);
    return this.closed(state);
  }

  private closed(state: HandoffState): HandoffState {
    return { status: 'closed', contactId: state.contactId, deliveredUpTo: state.deliveredUpTo };
  }

  /** Advisor replies not yet delivered, oldest first (read from Chatwoot, so the bot keeps no text). */
  async undelivered(state: HandoffState & { conversationId: number }): Promise<ChatwootMessage[]> {
    const messages = await this.options.chatwoot.listMessages(state.conversationId);
    const after = state.deliveredUpTo ?? 0;
    return messages.filter((m) => m.toPerson && m.id > after && m.content.trim());
  }

  /** Tells the advisor why a reply waits (WhatsApp's 24-hour window), and whether a template was sent. Best effort. */
  async noteWindowClosed(state: HandoffState & { conversationId: number }, template: string | undefined): Promise<void> {
    await this.options.chatwoot.postPrivateNote(state.conversationId, this.options.texts.windowClosedNote(template)).catch((err: Error) => {
      this.options.logger.warn({ err: err.message }, '24-hour window note to the advisor not posted');
    });
  }

  /** Tells the advisor how many waiting replies reached the person. Best effort. */
  async noteDelivered(state: HandoffState & { conversationId: number }, count: number): Promise<void> {
    await this.options.chatwoot.postPrivateNote(state.conversationId, this.options.texts.deliveredNote(count)).catch(() => undefined);
  }

  /** "Borrar mis datos": the Chatwoot contact (and its conversations) go. Rejects when Chatwoot refused. */
  async deleteContact(contactId: number): Promise<void> {
    await this.options.chatwoot.deleteContact(contactId);
  }
}



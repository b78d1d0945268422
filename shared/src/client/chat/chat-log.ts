import type { ConsultationId } from '../../ids.ts';
import type { CommandResponse, FactPayload } from '../../events.ts';

export type ChatSpeaker = FactPayload<'chat:message'>['from'];

/** One line of the in-call chat, as either side shows it. */
export interface ChatMessage {
  messageId: string;
  from: ChatSpeaker;
  /** The clerk's display name; null for the resident. */
  senderName: string | null;
  text: string;
  sentAt: string;
  /** Sent from this screen (shown as "you"). */
  isOwn: boolean;
}

export interface ChatState {
  messages: readonly ChatMessage[];
  /** True while a message is on its way; the input keeps its text until the server has it. */
  isSending: boolean;
  /** The last message could not be sent; its text is still in the input. */
  hasFailed: boolean;
}

export const emptyChatState: ChatState = { messages: [], isSending: false, hasFailed: false };

/** The contract's limit; longer text is refused before it is sent. */
export const CHAT_MAX_LENGTH = 500;
/** A call's chat is short; an endless one keeps only its latest lines in memory. */
export const CHAT_MAX_MESSAGES = 200;

export interface ChatLogOptions {
  consultationId: ConsultationId;
  /** Who this screen speaks for. */
  self: ChatSpeaker;
  /** This side's display name, for its own lines (null at the kiosk). */
  selfName: string | null;
  /** Sends `chat:send`; resolves with the server's acknowledgement. */
  send: (text: string) => Promise<CommandResponse<'chat:send'>>;
  onChange: (state: ChatState) => void;
}

/**
 * The text chat of one call. The server relays a message to the other members only, so the
 * sender's own line is added when its acknowledgement arrives. `close` ends it: late
 * acknowledgements and facts are dropped, and the owner forgets the state (a wipe leaves no text).
 */
export class ChatLog {
  readonly #options: ChatLogOptions;
  #state: ChatState = emptyChatState;
  #isClosed = false;

  constructor(options: ChatLogOptions) {
    this.#options = options;
  }

  get state(): ChatState {
    return this.#state;
  }

  get consultationId(): ConsultationId {
    return this.#options.consultationId;
  }

  /** Sends a message; true once the server has it (the input may then be emptied). */
  async send(typed: string): Promise<boolean> {
    const text = typed.trim();
    if (this.#isClosed || this.#state.isSending || text === '' || text.length > CHAT_MAX_LENGTH) {
      return false;
    }
    this.#update({ isSending: true, hasFailed: false });
    try {
      const { messageId, sentAt } = await this.#options.send(text);
      if (this.#isClosed) return false;
      const { self: from, selfName: senderName } = this.#options;
      this.#append({ messageId, from, senderName, text, sentAt, isOwn: true });
      this.#update({ isSending: false });
      return true;
    } catch {
      if (!this.#isClosed) this.#update({ isSending: false, hasFailed: true });
      return false;
    }
  }

  /** A `chat:message` fact; facts about another call, and repeats, are ignored. */
  receive(fact: FactPayload<'chat:message'>): void {
    if (this.#isClosed || fact.consultationId !== this.#options.consultationId) return;
    const { messageId, from, senderName, text, sentAt } = fact;
    this.#append({ messageId, from, senderName, text, sentAt, isOwn: from === this.#options.self });
  }

  close(): void {
    this.#isClosed = true;
  }

  #append(message: ChatMessage): void {
    if (this.#state.messages.some((known) => known.messageId === message.messageId)) return;
    const messages = [...this.#state.messages, message].slice(-CHAT_MAX_MESSAGES);
    this.#update({ messages });
  }

  #update(patch: Partial<ChatState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Language } from '../../consultation.ts';
import { CHAT_MAX_LENGTH, type ChatState } from '../chat/chat-log.ts';
import { languageTag, useUiI18n } from './i18n.tsx';

export interface ChatPanelProps {
  chat: ChatState;
  /** Resolves true once the server has the message, and the input is emptied. */
  onSend: (text: string) => Promise<boolean>;
  className?: string;
}

const timeOf = (iso: string, language: string) =>
  new Date(iso).toLocaleTimeString(languageTag(language as Language), {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Tokyo',
  });

/**
 * The in-call text chat, for a resident who cannot hear well and for spelling names and numbers.
 * Who wrote each line is said in words (not only by colour or side); new lines are announced.
 */
export function ChatPanel({ chat, onSend, className }: ChatPanelProps) {
  const { language, t } = useUiI18n();
  const [draft, setDraft] = useState('');
  const titleId = useId();
  const inputId = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const count = chat.messages.length;

  useEffect(() => {
    const list = listRef.current;
    if (list && count > 0) list.scrollTop = list.scrollHeight;
  }, [count]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSend(draft).then((isSent) => {
      if (isSent) setDraft('');
    });
  };

  return (
    <section
      className={['chat-panel', className ?? ''].join(' ').trim()}
      data-testid="chat-panel"
      aria-labelledby={titleId}
    >
      <h2 className="chat-panel__title" id={titleId}>
        {t('chat.title')}
      </h2>
      {/* A log region: screen readers read new lines as they arrive, without moving focus. */}
      <div
        ref={listRef}
        className="chat-panel__messages"
        role="log"
        aria-live="polite"
        tabIndex={0}
        aria-labelledby={titleId}
      >
        {count === 0 && <p className="chat-panel__empty">{t('chat.empty')}</p>}
        <ol className="chat-panel__list">
          {chat.messages.map((message) => (
            <li
              key={message.messageId}
              className={`chat-message chat-message--${message.isOwn ? 'own' : 'peer'}`}
              data-testid="chat-message"
              data-from={message.from}
            >
              <span className="chat-message__meta">
                <span className="chat-message__who">
                  {message.isOwn ? t('chat.self') : t('chat.peer', { name: message.senderName ?? '' })}
                </span>{' '}
                <time dateTime={message.sentAt}>{timeOf(message.sentAt, language)}</time>
              </span>
              <span className="chat-message__text">{message.text}</span>
            </li>
          ))}
        </ol>
      </div>
      {chat.hasFailed && (
        <p className="chat-panel__failed" role="alert" data-testid="chat-failed">
          {t('chat.failed')}
        </p>
      )}
      <form className="chat-panel__form" onSubmit={submit}>
        <label className="chat-panel__label" htmlFor={inputId}>
          {t('chat.input-label')}
        </label>
        <div className="chat-panel__row">
          <input
            id={inputId}
            className="chat-panel__input"
            data-testid="chat-input"
            type="text"
            value={draft}
            maxLength={CHAT_MAX_LENGTH}
            autoComplete="off"
            onChange={(event) => setDraft(event.target.value)}
          />
          <button
            type="submit"
            className="button chat-panel__send"
            data-testid="chat-send"
            disabled={chat.isSending || draft.trim() === ''}
          >
            {chat.isSending ? t('chat.sending') : t('chat.send')}
          </button>
        </div>
      </form>
    </section>
  );
}

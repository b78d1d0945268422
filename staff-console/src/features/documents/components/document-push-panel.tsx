import { useId, type ChangeEvent } from 'react';
import type { DocumentId } from '@madoguchi/shared';
import { useI18n } from '../../../i18n/i18n.ts';
import { pushableTypes, type DocumentDeskState } from '../document-desk.ts';

interface DocumentPushPanelProps {
  documents: DocumentDeskState;
  onPush: (file: File) => void;
  onClose: (documentId: DocumentId) => void;
}

/** "Show a document": pick an image for the resident's screen, and take it off again. */
export function DocumentPushPanel({ documents, onPush, onClose }: DocumentPushPanelProps) {
  const { t } = useI18n();
  const inputId = useId();
  const titleId = useId();
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Emptied so that the same file can be chosen again after it was closed.
    event.target.value = '';
    if (file) onPush(file);
  };
  return (
    <section className="card document-push" data-testid="document-push-panel" aria-labelledby={titleId}>
      <h2 className="card__title" id={titleId}>
        {t('documents.title')}
      </h2>
      <label className="field__label" htmlFor={inputId}>
        {t('documents.choose')}
      </label>
      <input
        id={inputId}
        type="file"
        data-testid="document-push-input"
        accept={pushableTypes.join(',')}
        disabled={documents.isUploading}
        onChange={onChange}
      />
      {documents.isUploading && <p role="status">{t('documents.uploading')}</p>}
      {documents.problem && (
        <p className="notice notice--problem" role="alert" data-testid="document-push-problem">
          {t(documents.problem === 'wrong-type' ? 'documents.wrong-type' : 'documents.failed')}
        </p>
      )}
      {documents.documents.length === 0 ? (
        <p className="muted">{t('documents.none')}</p>
      ) : (
        <ul className="document-push__list">
          {documents.documents.map((document) => (
            <li
              key={document.documentId}
              data-testid="document-push-item"
              data-document-id={document.documentId}
              data-shown={document.isShown}
            >
              <span>
                {document.isShown ? t('documents.shown') : t('documents.closed')}: {document.name}
              </span>
              {document.isShown && (
                <button
                  type="button"
                  className="button button--small button--secondary"
                  data-testid={`document-push-close-${document.documentId}`}
                  onClick={() => onClose(document.documentId)}
                >
                  {t('documents.close')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

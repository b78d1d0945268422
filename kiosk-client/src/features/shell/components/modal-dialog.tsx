import { useEffect, useRef, type ReactNode } from 'react';

interface ModalDialogProps {
  /** The id of the element that names the dialog (its heading). */
  labelledBy: string;
  describedBy?: string;
  testId: string;
  className?: string;
  /** Escape, or the dialog closed by the browser. */
  onCancel: () => void;
  /** `alertdialog` for a warning that needs an answer. */
  role?: 'dialog' | 'alertdialog';
  children: ReactNode;
}

/**
 * A native modal `<dialog>`: the browser keeps focus inside it, makes the page behind it inert
 * for touch and screen readers, and puts focus back where it was when it closes.
 */
export function ModalDialog({
  labelledBy,
  describedBy,
  testId,
  className,
  onCancel,
  role,
  children,
}: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    return () => dialog.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className={['modal', className ?? ''].join(' ').trim()}
      data-testid={testId}
      role={role}
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}

/**
 * Codes of refused commands. `NOT_FOUND`, `INVALID_STATE` and `VALIDATION_FAILED` match the wire
 * error codes in `shared`; `CORRUPT_LOG` means a replayed event does not fit the rebuilt state.
 */
export type QueueErrorCode = 'NOT_FOUND' | 'INVALID_STATE' | 'VALIDATION_FAILED' | 'CORRUPT_LOG';

export class QueueError extends Error {
  override readonly name = 'QueueError';
  readonly code: QueueErrorCode;

  private constructor(code: QueueErrorCode, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
  }

  static unknownCaller(callerId: string): QueueError {
    return new QueueError('NOT_FOUND', `caller ${callerId} is not waiting`);
  }

  static unknownClerk(clerkId: string): QueueError {
    return new QueueError('NOT_FOUND', `clerk ${clerkId} is not signed in`);
  }

  static unknownProcedure(procedureId: string): QueueError {
    return new QueueError('NOT_FOUND', `procedure ${procedureId} is not in the catalog`);
  }

  static invalidState(message: string): QueueError {
    return new QueueError('INVALID_STATE', message);
  }

  static invalidInput(message: string): QueueError {
    return new QueueError('VALIDATION_FAILED', message);
  }

  static corruptLog(index: number, message: string, cause?: unknown): QueueError {
    return new QueueError('CORRUPT_LOG', `event #${index}: ${message}`, cause);
  }
}

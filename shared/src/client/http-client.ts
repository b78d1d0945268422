import type { z } from 'zod';
import type { ErrorCode } from '../errors.ts';
import { csrfHeaderName, httpErrorBodySchema } from '../http.ts';

/** An HTTP request the server refused (`{ error: { code, message } }`), or that got no usable answer. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  /** The response status; 0 when no response arrived. */
  readonly status: number;

  constructor(code: ErrorCode, message: string, status: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpError';
    this.code = code;
    this.status = status;
  }

  /** The network failed before any answer (offline, server down, TLS refused). */
  static unreachable(what: string, cause: unknown): HttpError {
    return new HttpError('TIMEOUT', `${what} got no answer`, 0, { cause });
  }

  /** An answer that does not follow the contract: a bug or a proxy's page, never shown as is. */
  static unexpected(what: string, status: number, cause?: unknown): HttpError {
    return new HttpError('INTERNAL', `${what} answered ${status} with an unexpected body`, status, { cause });
  }
}

/** The part of `fetch` the client uses, so tests can hand in a fake. */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpRequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** The login session's CSRF token, required by every state-changing staff request. */
  csrfToken?: string;
  signal?: AbortSignal;
}

/**
 * JSON over HTTPS to the page's own origin. Answers are parsed by the contract's schema, and every
 * refusal becomes an `HttpError` with the server's code, so screens translate it like a socket's.
 * The browser sends the session cookie itself (same origin); nothing here stores a secret.
 */
export class HttpClient {
  readonly #fetch: Fetch;

  constructor(fetchImpl: Fetch) {
    this.#fetch = fetchImpl;
  }

  get<S extends z.ZodType>(path: string, schema: S, options: HttpRequestOptions = {}): Promise<z.infer<S>> {
    return this.#request('GET', path, schema, options);
  }

  post<S extends z.ZodType>(path: string, schema: S, options: HttpRequestOptions = {}): Promise<z.infer<S>> {
    return this.#request('POST', path, schema, options);
  }

  async #request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: S,
    options: HttpRequestOptions,
  ): Promise<z.infer<S>> {
    const what = `${method} ${path}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.csrfToken !== undefined) headers[csrfHeaderName] = options.csrfToken;
    let response: Response;
    try {
      response = await this.#fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      // An abort is the caller's own doing and stays recognisable as one.
      if (options.signal?.aborted) throw error;
      throw HttpError.unreachable(what, error);
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const refusal = httpErrorBodySchema.safeParse(body);
      if (!refusal.success) throw HttpError.unexpected(what, response.status, refusal.error);
      throw new HttpError(refusal.data.error.code, refusal.data.error.message, response.status);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw HttpError.unexpected(what, response.status, parsed.error);
    return parsed.data;
  }
}

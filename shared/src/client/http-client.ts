import type { z } from 'zod';
import type { CatalogIssue } from '../catalog/issues.ts';
import type { ErrorCode } from '../errors.ts';
import { csrfHeaderName, httpErrorBodySchema } from '../http.ts';

/** An HTTP request the server refused (`{ error: { code, message } }`), or that got no usable answer. */
export class HttpError extends Error {
  readonly code: ErrorCode;
  /** The response status; 0 when no response arrived. */
  readonly status: number;
  /** Per-field problems the server named (a refused catalogue); empty otherwise. */
  readonly issues: readonly CatalogIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    status: number,
    options?: { cause?: unknown; issues?: readonly CatalogIssue[] },
  ) {
    super(message, options);
    this.name = 'HttpError';
    this.code = code;
    this.status = status;
    this.issues = options?.issues ?? [];
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
  /** An `Authorization` header, for callers that prove themselves without a cookie (a kiosk). */
  authorization?: string;
  signal?: AbortSignal;
}

/** Options of a request that carries bytes (an image) instead of JSON. */
export type HttpUploadOptions = Omit<HttpRequestOptions, 'body'>;

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
    return this.#json('GET', path, schema, options);
  }

  post<S extends z.ZodType>(path: string, schema: S, options: HttpRequestOptions = {}): Promise<z.infer<S>> {
    return this.#json('POST', path, schema, options);
  }

  /** Replaces a whole document (`PUT /api/admin/catalog`); the answer is JSON. */
  put<S extends z.ZodType>(path: string, schema: S, options: HttpRequestOptions = {}): Promise<z.infer<S>> {
    return this.#json('PUT', path, schema, options);
  }

  /** Sends bytes with their own content type (`PUT /api/captures/<id>`, say); the answer is JSON. */
  putBlob<S extends z.ZodType>(
    path: string,
    schema: S,
    blob: Blob,
    options: HttpUploadOptions = {},
  ): Promise<z.infer<S>> {
    return this.#sendBlob('PUT', path, schema, blob, options);
  }

  /** Sends bytes to a collection (`POST /api/consultations/<id>/documents`); the answer is JSON. */
  postBlob<S extends z.ZodType>(
    path: string,
    schema: S,
    blob: Blob,
    options: HttpUploadOptions = {},
  ): Promise<z.infer<S>> {
    return this.#sendBlob('POST', path, schema, blob, options);
  }

  async #sendBlob<S extends z.ZodType>(
    method: 'PUT' | 'POST',
    path: string,
    schema: S,
    blob: Blob,
    options: HttpUploadOptions,
  ): Promise<z.infer<S>> {
    const headers = this.#headers(options, 'application/json');
    headers['content-type'] = blob.type || 'application/octet-stream';
    const response = await this.#send(method, path, headers, blob, options.signal);
    return parseAnswer(`${method} ${path}`, response, schema);
  }

  /** Fetches bytes (an image); a refusal is JSON and becomes an `HttpError` as usual. */
  async getBlob(path: string, options: HttpUploadOptions = {}): Promise<Blob> {
    const headers = this.#headers(options, '*/*');
    const response = await this.#send('GET', path, headers, undefined, options.signal);
    try {
      return await response.blob();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw HttpError.unreachable(`GET ${path}`, error);
    }
  }

  async #json<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    schema: S,
    options: HttpRequestOptions,
  ): Promise<z.infer<S>> {
    const headers = this.#headers(options, 'application/json');
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const body = options.body !== undefined ? JSON.stringify(options.body) : undefined;
    const response = await this.#send(method, path, headers, body, options.signal);
    return parseAnswer(`${method} ${path}`, response, schema);
  }

  #headers(options: HttpRequestOptions, accept: string): Record<string, string> {
    const headers: Record<string, string> = { accept };
    if (options.csrfToken !== undefined) headers[csrfHeaderName] = options.csrfToken;
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    return headers;
  }

  /** Sends the request; any answer but a success becomes an `HttpError`. */
  async #send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: BodyInit | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const what = `${method} ${path}`;
    let response: Response;
    try {
      response = await this.#fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(body !== undefined ? { body } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      // An abort is the caller's own doing and stays recognisable as one.
      if (signal?.aborted) throw error;
      throw HttpError.unreachable(what, error);
    }
    if (!response.ok) {
      const answer: unknown = await response.json().catch(() => undefined);
      const refusal = httpErrorBodySchema.safeParse(answer);
      if (!refusal.success) throw HttpError.unexpected(what, response.status, refusal.error);
      const { code, message, issues } = refusal.data.error;
      throw new HttpError(code, message, response.status, issues ? { issues } : undefined);
    }
    return response;
  }
}

async function parseAnswer<S extends z.ZodType>(
  what: string,
  response: Response,
  schema: S,
): Promise<z.infer<S>> {
  const body: unknown = await response.json().catch(() => undefined);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw HttpError.unexpected(what, response.status, parsed.error);
  return parsed.data;
}

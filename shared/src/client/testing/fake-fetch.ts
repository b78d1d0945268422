import { vi, type Mock } from 'vitest';
import type { ErrorCode } from '../../errors.ts';
import type { Fetch } from '../http-client.ts';

/** What a fake route answers: a status and a JSON body, bytes (an image), or a thrown network failure. */
export type FakeAnswer =
  { status: number; body: unknown } | { status: number; bytes: Blob } | { networkError: true };

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON, or the Blob as sent. */
  body: unknown;
}

/** A refusal as the server words it. */
export const refusal = (status: number, code: ErrorCode, message: string = code): FakeAnswer => ({
  status,
  body: { error: { code, message } },
});

/**
 * A `fetch` stand-in for controller tests: routes are `'METHOD /path'`, each answered by a function
 * of the request; an unknown route answers 404 like the server would. Every request is recorded.
 */
export class FakeFetch {
  readonly requests: FakeRequest[] = [];
  readonly routes = new Map<string, (request: FakeRequest) => FakeAnswer>();
  readonly fetch: Mock<Fetch> = vi.fn(async (input: string, init: RequestInit) => {
    const request: FakeRequest = {
      method: init.method ?? 'GET',
      path: input,
      headers: { ...(init.headers as Record<string, string> | undefined) },
      body:
        typeof init.body === 'string'
          ? (JSON.parse(init.body) as unknown)
          : init.body instanceof Blob
            ? init.body
            : undefined,
    };
    this.requests.push(request);
    const answer =
      this.routes.get(`${request.method} ${request.path}`)?.(request) ??
      refusal(404, 'NOT_FOUND', `no fake route for ${request.method} ${request.path}`);
    if ('networkError' in answer) throw new TypeError('Failed to fetch');
    if ('bytes' in answer) {
      return new Response(answer.bytes, {
        status: answer.status,
        headers: { 'content-type': answer.bytes.type },
      });
    }
    return new Response(JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  });

  /** Answers `'METHOD /path'` with 200 and this body (or the function's answer). */
  on(route: string, answer: unknown | ((request: FakeRequest) => FakeAnswer)): this {
    this.routes.set(
      route,
      typeof answer === 'function'
        ? (answer as (request: FakeRequest) => FakeAnswer)
        : () => ({ status: 200, body: answer }),
    );
    return this;
  }

  /** The requests sent to `'METHOD /path'`. */
  sent(route: string): FakeRequest[] {
    return this.requests.filter((request) => `${request.method} ${request.path}` === route);
  }
}

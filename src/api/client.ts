// The only module that speaks HTTP. Everything Coder-specific about the wire lives here:
// the /api/v2 prefix, JSON, same-origin cookies, the CSRF header and the error envelope.
import { csrfTokenForRequest, loadCsrfToken } from "./csrf.ts";
import { ApiError, fallbackMessage, parseRetryAfter } from "./errors.ts";
import { CoderResponse } from "./schemas.ts";
import { check, type Shape } from "./shape.ts";

export const API_PREFIX = "/api/v2";

/** Abandon a request the server has not answered after this long. */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface RequestOptions<S extends Shape<unknown> | undefined> {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  body?: unknown;
  /** Schema of the 2xx body; omit for endpoints that answer 204. */
  schema?: S;
  signal?: AbortSignal | undefined;
}

type Result<S> = S extends Shape<infer T> ? T : undefined;

export async function apiRequest<S extends Shape<unknown> | undefined = undefined>(
  path: string,
  options: RequestOptions<S> = {},
): Promise<Result<S>> {
  const { method = "GET", schema, signal } = options;
  const unsafe = method !== "GET";
  let { response, text } = await send(
    path,
    options,
    unsafe ? await csrfTokenForRequest() : undefined,
  );

  // Coder refused the CSRF token (or there was none yet): fetch a fresh one and try once more.
  // Once: a second refusal is reported, never retried in a loop.
  if (unsafe && isCsrfFailure(response, text)) {
    const fresh = await loadCsrfToken({ fresh: true });
    if (fresh !== undefined && !signal?.aborted)
      ({ response, text } = await send(path, options, fresh));
  }

  if (!response.ok) throw responseError(response, text);
  if (schema === undefined) return undefined as Result<S>;

  const parsed = check(schema, parseJson(text));
  if (!parsed.ok) {
    throw new ApiError({
      kind: "malformed",
      status: response.status,
      message: fallbackMessage("malformed", response.status),
    });
  }
  return parsed.value as Result<S>;
}

/** One request and its whole body; every transport failure becomes an ApiError. */
async function send(
  path: string,
  options: RequestOptions<Shape<unknown> | undefined>,
  csrf: string | undefined,
): Promise<{ response: Response; text: string }> {
  const { method = "GET", body, signal } = options;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (csrf) headers["X-CSRF-TOKEN"] = csrf;

  // Our own timer (not AbortSignal.timeout) so tests can drive it with a fake clock.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, REQUEST_TIMEOUT_MS);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });

  try {
    let response: Response;
    try {
      response = await fetch(`${API_PREFIX}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        credentials: "same-origin",
        signal: controller.signal,
      });
    } catch (error) {
      throw transportError(error, timedOut, signal);
    }
    try {
      return { response, text: await response.text() };
    } catch (error) {
      // The connection dropped halfway through the body.
      throw transportError(error, timedOut, signal);
    }
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** nosurf's refusal: 400, plain text (not Coder's JSON envelope), naming the CSRF token. */
function isCsrfFailure(response: Response, text: string): boolean {
  return response.status === 400 && /CSRF/.test(text) && !text.trimStart().startsWith("{");
}

const NOT_JSON = Symbol("not json");
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

function transportError(error: unknown, timedOut: boolean, signal?: AbortSignal): unknown {
  // A caller's own abort (a cancelled query) is not a failure to report.
  if (signal?.aborted) return signal.reason ?? error;
  const kind = timedOut ? "timeout" : "network";
  return new ApiError({ kind, message: fallbackMessage(kind, 0) });
}

function responseError(response: Response, text: string): ApiError {
  const retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
  const envelope = check(CoderResponse, parseJson(text));
  if (envelope.ok && envelope.value.message.trim() !== "") {
    return new ApiError({
      kind: "response",
      status: response.status,
      message: envelope.value.message,
      detail: envelope.value.detail,
      validations: envelope.value.validations ?? [],
      retryAfterSeconds,
      fromServer: true,
    });
  }
  // Not Coder's envelope: a proxy's HTML error page, a text/plain CSRF failure, an empty body.
  // Never show that text: it is unknown markup or jargon. Say what the status means instead.
  const csrfFailure = isCsrfFailure(response, text);
  return new ApiError({
    kind: "response",
    status: response.status,
    message: csrfFailure
      ? "Your session's security token is out of date. Reload the page and try again."
      : fallbackMessage("response", response.status),
    retryAfterSeconds,
  });
}

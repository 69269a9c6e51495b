import type { FieldValidation } from "./schemas.ts";

/**
 * Why a request failed:
 * - `response`: the server answered with a non-2xx status;
 * - `network`: no answer at all (offline, connection dropped, DNS, CORS);
 * - `timeout`: no answer within the client's patience;
 * - `malformed`: a 2xx (or error) answer whose body is not what Coder sends.
 */
export type ApiErrorKind = "response" | "network" | "timeout" | "malformed";

export interface ApiErrorInit {
  kind: ApiErrorKind;
  status?: number;
  message: string;
  detail?: string | undefined;
  validations?: FieldValidation[] | undefined;
  retryAfterSeconds?: number | undefined;
  fromServer?: boolean;
}

/** The one error type every API call rejects with (aborts excepted). */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly kind: ApiErrorKind;
  /** HTTP status; 0 when there was no response. */
  readonly status: number;
  readonly detail: string | undefined;
  readonly validations: FieldValidation[];
  /** Seconds to wait before retrying, from `Retry-After`. */
  readonly retryAfterSeconds: number | undefined;
  /** True when `message` is Coder's own text (as opposed to one we wrote for the failure). */
  readonly fromServer: boolean;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.kind = init.kind;
    this.status = init.status ?? 0;
    this.detail = init.detail;
    this.validations = init.validations ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fromServer = init.fromServer ?? false;
  }

  /** The server's detail for one field (`validations[].field`), if any. */
  fieldError(field: string): string | undefined {
    return this.validations.find((v) => v.field === field)?.detail;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** `Retry-After` is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

/** Our own words for failures that carry no usable message from Coder. */
export function fallbackMessage(kind: ApiErrorKind, status: number): string {
  switch (kind) {
    case "network":
      return "Can't reach the server. Check your connection and try again.";
    case "timeout":
      return "The server is taking too long to answer. Try again in a moment.";
    case "malformed":
      return "The server sent an answer we couldn't read. Try again; if it keeps happening, contact your administrator.";
    case "response":
      if (status === 429) return "Too many attempts. Wait a moment before trying again.";
      if (status === 502 || status === 503 || status === 504)
        return "The server is unavailable right now. Try again in a moment.";
      if (status >= 500) return "Something went wrong on the server. Try again in a moment.";
      return `The request failed (HTTP ${status}). Try again.`;
  }
}

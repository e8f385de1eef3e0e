/**
 * The one error type of the app. Every layer throws it with a code; exactly one place per
 * transport (HTTP in `lib/http/respond.ts`, sockets in `lib/live/socket-auth.ts`, the CLI in
 * `lib/cli/run.ts`) maps it to a response. Anything that is not an AppError is an internal error
 * and its message is never shown to clients.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FORMAT: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Where in the input the problem is: a file, a line (1-based), a byte offset or a field path. */
export interface ErrorLocation {
  file?: string;
  line?: number;
  offset?: number;
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly location?: ErrorLocation;
  readonly details?: unknown;
  /** For RATE_LIMITED and UNAVAILABLE: when to try again (sent as `Retry-After`). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { location?: ErrorLocation; details?: unknown; cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.location = opts.location;
    this.details = opts.details;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  /** The shape clients see. Internal errors are masked by the transport, never here. */
  toJSON() {
    return {
      code: this.code,
      message: this.message,
      ...(this.location ? { location: this.location } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

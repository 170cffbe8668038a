// One error type for misuse: it says what went wrong and how to fix it, and knows its exit code.
// Expected refusals of input (an empty page, a binary file) are `Rejection` values, not errors.

export type ErrorCode = 'usage' | 'input' | 'store' | 'network' | 'internal';

const EXIT_CODES: Record<ErrorCode, number> = { usage: 2, input: 1, store: 1, network: 1, internal: 1 };

export class CorroborateError extends Error {
  readonly code: ErrorCode;
  /** What the user can do about it, in one sentence. */
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CorroborateError';
    this.code = code;
    this.hint = hint;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}

export function usageError(message: string, hint?: string): CorroborateError {
  return new CorroborateError('usage', message, hint);
}

// Errors the API answers with: one type that knows its HTTP status, always sent as
// `{ "error": { "message" } }` so clients handle every failure the same way.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ApiStatus = 400 | 401 | 403 | 404 | 405 | 413 | 415 | 422 | 500 | 503;

export class ApiError extends HTTPException {
  constructor(status: ApiStatus, message: string) {
    super(status as ContentfulStatusCode, { message });
    this.name = 'ApiError';
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, message);
}

export function notFound(message: string): ApiError {
  return new ApiError(404, message);
}

export function tooLarge(limitBytes: number): ApiError {
  return new ApiError(413, `The request body is larger than the ${formatBytes(limitBytes)} limit.`);
}

export function errorBody(message: string): { error: { message: string } } {
  return { error: { message } };
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

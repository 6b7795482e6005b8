/**
 * Structured logs: one JSON object a line, on stdout (info, warn) or stderr
 * (error), each with its time and, inside a request, that request's id
 * (server/http/request-id.ts), so every line about one request can be found
 * from the id its answer carried.
 */
import { AsyncLocalStorage } from 'node:async_hooks'

export const requestScope = new AsyncLocalStorage<{ requestId: string }>()

export type LogLevel = 'info' | 'warn' | 'error'

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}) {
  const requestId = requestScope.getStore()?.requestId
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...(requestId && { requestId }), ...fields })}\n`
  if (level === 'error') process.stderr.write(line)
  else process.stdout.write(line)
}

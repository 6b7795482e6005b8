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
  // The request id last: a line reads time, level, message, then what it is about.
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields, ...(requestId && { requestId }) })}\n`
  if (level === 'error') process.stderr.write(line)
  else process.stdout.write(line)
}

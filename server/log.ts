/**
 * Structured logs: one JSON object a line, on stdout (info, warn) or stderr
 * (error), each with its time and, about a request, that request's id
 * (server/http/request-id.ts) as `requestId`, so every line about one request
 * can be found from the id its answer carried. The id is handed in by whoever
 * logs (the HTTP layer from its context, the domain from Ctx.requestId), not
 * kept in an AsyncLocalStorage: on Node 20 that puts a hook on every promise,
 * a tenth of a cached read's CPU.
 *
 * The lines of one turn of the event loop go out in one write per stream, at
 * its end (a write to a pipe is synchronous: one per request line was a fifth
 * of a cached read's CPU, bench/profiles/get-cached.md); whatever is pending
 * is written when the process exits, however it exits short of SIGKILL.
 */
export type LogLevel = 'info' | 'warn' | 'error'

export function log(level: LogLevel, msg: string, fields: Record<string, unknown> = {}) {
  // The request id last: a line reads time, level, message, then what it is about.
  const { requestId, ...about } = fields
  const line = `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...about, ...(requestId !== undefined && { requestId }) })}\n`
  if (level === 'error') pending.err += line
  else pending.out += line
  if (!scheduled) {
    scheduled = true
    setImmediate(flush)
  }
}

const pending = { out: '', err: '' }
let scheduled = false

function flush() {
  scheduled = false
  if (pending.out) process.stdout.write(pending.out)
  if (pending.err) process.stderr.write(pending.err)
  pending.out = ''
  pending.err = ''
}
process.on('exit', flush)

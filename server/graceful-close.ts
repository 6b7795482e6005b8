/**
 * Closing the HTTP server on SIGTERM without dropping what it accepted and
 * without waiting on idle clients: it stops listening, closes the keep-alive
 * connections that have nothing in flight at once, answers every request in
 * flight and closes each such connection right after its answer (the answer
 * says `Connection: close`). A keep-alive socket would otherwise hold
 * server.close() open until its timeout.
 */
import type { Server, ServerResponse } from 'node:http'

export function gracefulClose(server: Server) {
  const inFlight = new Set<ServerResponse>()
  let closing = false

  const closeAfterAnswer = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close')
    // An answer already under way (a streamed export) cannot say so: its connection is ended once it is sent.
    else res.once('finish', () => res.socket?.end())
  }

  server.on('request', (_req, res: ServerResponse) => {
    inFlight.add(res)
    res.once('close', () => inFlight.delete(res))
    if (closing) closeAfterAnswer(res)
  })

  /** Resolves once every connection is closed: every request in flight answered. */
  return (): Promise<void> => {
    closing = true
    return new Promise((resolve) => {
      server.close(() => resolve())
      for (const res of inFlight) closeAfterAnswer(res)
      server.closeIdleConnections()
    })
  }
}

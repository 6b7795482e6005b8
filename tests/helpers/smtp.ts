/** A real SMTP server on a loopback port that keeps every message it receives, raw. */
import { SMTPServer } from 'smtp-server'
import { freePort } from './server.ts'

export interface Mailbox {
  url: string
  /** Raw messages, oldest first. */
  mails: string[]
  /** The messages with quoted-printable soft line breaks undone, so phrases read whole. */
  texts: () => string[]
  /** Waits until `n` messages arrived. */
  until: (n: number, ms?: number) => Promise<void>
  stop: () => Promise<void>
}

/** With `users`, the server asks for a login (AUTH PLAIN/LOGIN over the plain connection) and takes only those. */
export async function smtpServer(opts: { users?: Record<string, string> } = {}): Promise<Mailbox> {
  const mails: string[] = []
  const users = opts.users
  const smtp = new SMTPServer({
    authOptional: !users,
    allowInsecureAuth: Boolean(users),
    onAuth(auth, _session, done) {
      if (users && auth.username && users[auth.username] === auth.password) return done(null, { user: auth.username })
      done(new Error('Invalid username or password'))
    },
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, done) {
      let raw = ''
      stream.on('data', (d: Buffer) => (raw += d.toString()))
      stream.on('end', () => {
        mails.push(raw)
        done()
      })
    },
  })
  const port = await freePort()
  await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r))
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    texts: () => mails.map((m) => m.replace(/=\r?\n/g, '')),
    until: async (n, ms = 20_000) => {
      const start = Date.now()
      while (mails.length < n) {
        if (Date.now() - start > ms) throw new Error(`waited ${ms} ms for ${n} mails, got ${mails.length}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    },
    stop: () => new Promise<void>((r) => smtp.close(() => r())),
  }
}

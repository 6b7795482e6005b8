/** How `inkind doctor` looks at the world: HTTP, SMTP and the file system (server/domain/doctor/doctor.ts judges what they see). */
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createTransport } from 'nodemailer'
import { scheduledBackups } from '../db/backup.ts'
import type { DoctorProbes } from '../domain/doctor/doctor.ts'

/** A network error in plain words. */
function reason(error: unknown): string {
  const e = error as { name?: string; message?: string; code?: string; cause?: { code?: string; message?: string } }
  const code = e.cause?.code ?? e.code
  if (e.name === 'TimeoutError' || code === 'ETIMEDOUT' || code === 'ETIMEOUT') return 'no answer within 10 seconds'
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(e.message ?? '')) return 'connection refused (nothing listens there)'
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the name does not resolve (DNS)'
  if (code === 'ECONNRESET') return 'the connection was reset'
  if (code && /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO/i.test(code)) return `its certificate is not trusted (${code})`
  if (code === 'EAUTH') return `the login was refused (${(e.message ?? '').replace(/\s+/g, ' ').slice(0, 160)})`
  return (e.cause?.message ?? e.message ?? String(error)).replace(/\s+/g, ' ').slice(0, 200)
}

export function doctorProbes(smtpUrl: string | undefined): DoctorProbes {
  return {
    async get(url) {
      const start = performance.now()
      try {
        const res = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000) })
        const body = (await res.text()).slice(0, 4096)
        const headers: Record<string, string> = {}
        res.headers.forEach((value, name) => {
          headers[name] = value
        })
        return { status: res.status, body, headers, ms: performance.now() - start }
      } catch (error) {
        return { failed: reason(error) }
      }
    },
    async smtpLogin() {
      if (!smtpUrl) return undefined
      const url = new URL(smtpUrl)
      for (const [k, v] of Object.entries({ connectionTimeout: '10000', greetingTimeout: '10000', socketTimeout: '10000' })) url.searchParams.set(k, v)
      const smtp = createTransport(url.toString())
      try {
        await smtp.verify()
        return undefined
      } catch (error) {
        return { failed: reason(error) }
      } finally {
        smtp.close()
      }
    },
    async disk(path) {
      let dir = path
      while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir)
      const s = statfsSync(dir)
      return { free: s.bavail * s.bsize, total: s.blocks * s.bsize }
    },
    async writable(dir) {
      if (!existsSync(dir)) return { missing: true }
      const probe = join(dir, `.inkind-doctor-${randomBytes(4).toString('hex')}`)
      try {
        writeFileSync(probe, '')
        rmSync(probe)
        return undefined
      } catch (error) {
        return { failed: (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'it is not a folder' : reason(error) }
      }
    },
    backups: (dir) => scheduledBackups(dir),
  }
}

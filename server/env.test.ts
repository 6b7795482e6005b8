import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig } from './env.ts'

describe('readConfig', () => {
  it('has working defaults and no secrets', () => {
    const c = readConfig({})
    expect(c).toMatchObject({ port: 8787, host: '127.0.0.1', publicUrl: 'http://127.0.0.1:8787', databaseUrl: 'file:./data/inkind.db', trustProxy: 0 })
    expect(c.admin).toBeUndefined()
  })

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x' }, 'DATABASE_URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL'],
    [{ INKIND_ADMIN_PASSWORD: 'long enough password' }, 'INKIND_ADMIN_EMAIL'],
    [{ INKIND_ADMIN_EMAIL: 'o@example.com', INKIND_ADMIN_PASSWORD: 'short' }, 'INKIND_ADMIN_PASSWORD'],
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN'],
    [{ METRICS_PORT: '8787' }, 'METRICS_PORT'],
    [{ BACKUP_DIR: '/var/backups/inkind', BACKUP_EVERY: 'often' }, 'BACKUP_EVERY'],
    [{ BACKUP_DIR: '/var/backups/inkind', BACKUP_KEEP: '0' }, 'BACKUP_KEEP'],
    [{ BACKUP_DIR: '/var/backups/inkind', DATABASE_URL: 'libsql://db.example.com' }, 'BACKUP_DIR'],
  ])('refuses %o, naming %s', (env, name) => {
    expect(() => readConfig(env)).toThrow(ConfigError)
    expect(() => readConfig(env)).toThrow(name)
  })

  it('reads flags without the Boolean("false") trap', () => {
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0)
    expect(readConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1)
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1)
    expect(readConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(() => readConfig({ TRUST_PROXY: 'maybe' })).toThrow(/TRUST_PROXY/)
  })

  it('treats an empty variable as unset', () => {
    expect(readConfig({ PORT: '' }).port).toBe(8787)
  })

  it('derives the public URL from HOST and PORT unless given', () => {
    expect(readConfig({ HOST: '::1', PORT: '9000' }).publicUrl).toBe('http://[::1]:9000')
    expect(readConfig({ PUBLIC_URL: 'https://comments.example.com/x' }).publicUrl).toBe('https://comments.example.com')
  })

  it('reads the backup schedule and the metrics switches', () => {
    expect(readConfig({}).backup).toBeUndefined()
    expect(readConfig({ BACKUP_DIR: '/b' }).backup).toEqual({ dir: '/b', everyMs: 6 * 3_600_000, keep: 28 })
    expect(readConfig({ BACKUP_DIR: '/b', BACKUP_EVERY: '30m', BACKUP_KEEP: '3' }).backup).toEqual({ dir: '/b', everyMs: 1_800_000, keep: 3 })
    expect(readConfig({ BACKUP_DIR: '/b', BACKUP_EVERY: '1d' }).backup?.everyMs).toBe(86_400_000)
    expect(readConfig({ METRICS_PORT: '9464' })).toMatchObject({ metricsPort: 9464, metricsToken: undefined })
  })
})

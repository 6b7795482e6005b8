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
})

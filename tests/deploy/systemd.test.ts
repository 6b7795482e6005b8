/**
 * The systemd unit an owner copies (deploy/systemd/inkind.service): systemd-analyze verifies it
 * and rates its sandbox (printed; the README quotes it), it runs the server as `npm start` does,
 * and the example environment file beside it is a valid configuration whose paths the unit may write.
 */
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { readConfig } from '../../server/env.ts'
import { ROOT } from '../helpers/test-app.ts'
import { SETUP } from './proxies.ts'

const run = promisify(execFile)
const UNIT = join(ROOT, 'deploy/systemd/inkind.service')
const unit = readFileSync(UNIT, 'utf8')
/** The unit's settings, last one wins (as systemd reads a single-valued setting). */
const setting = (name: string) => [...unit.matchAll(new RegExp(`^${name}=(.*)$`, 'gm'))].map((m) => m[1]!)

describe('the systemd unit', () => {
  it('passes systemd-analyze verify, and its security exposure is low', async () => {
    await run('bash', [SETUP, 'packages'], { maxBuffer: 1 << 24 })
    const dir = mkdtempSync(join(tmpdir(), 'inkind-unit-'))
    copyFileSync(UNIT, join(dir, 'inkind.service'))
    const verify = await run('systemd-analyze', ['verify', './inkind.service'], { cwd: dir })
    expect(verify.stderr.trim()).toBe('')
    const security = await run('systemd-analyze', ['security', '--offline=yes', '--no-pager', './inkind.service'], { cwd: dir }).catch(
      (e: { stdout: string }) => e,
    )
    const exposure = /Overall exposure level for inkind\.service: ([\d.]+) (\w+)/.exec(security.stdout)
    console.log(`systemd-analyze security: ${exposure?.[0]}`)
    expect(exposure?.[2]).toBe('OK')
  })

  it('is hardened as promised, and runs the compiled server with npm start’s Node flags', () => {
    for (const [name, value] of Object.entries({
      DynamicUser: 'yes',
      StateDirectory: 'inkind',
      ProtectSystem: 'strict',
      ProtectHome: 'yes',
      NoNewPrivileges: 'yes',
      PrivateTmp: 'yes',
      PrivateDevices: 'yes',
      CapabilityBoundingSet: '',
    })) {
      expect(setting(name).at(-1), name).toBe(value)
    }
    const flags = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).config.nodeFlags as string
    expect(setting('ExecStart')[0]).toBe(`/usr/bin/node ${flags} --enable-source-maps /opt/inkind/dist/node/server/index.js`)
  })

  it('comes with an example environment file that is a valid configuration, writing only where the unit may', () => {
    const env = Object.fromEntries(
      readFileSync(join(ROOT, 'deploy/inkind.env'), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    )
    expect(setting('EnvironmentFile')[0]).toBe('/etc/inkind/inkind.env')
    const config = readConfig(env)
    expect(config).toMatchObject({ host: '127.0.0.1', trustProxy: 1, publicUrl: 'https://comments.example.com' })
    // ProtectSystem=strict: only the state directory is writable.
    expect(config.databaseUrl).toBe('file:/var/lib/inkind/inkind.db')
    expect(config.backup?.dir.startsWith('/var/lib/inkind/')).toBe(true)
  })
})

/**
 * Caddy and nginx as an owner runs them, in front of a test server: the
 * owner's files in deploy/ with only what a test must change (the name
 * `localhost` for comments.example.com, loopback ports, paths in a temp dir,
 * the test CA's certificate for nginx; Caddy makes its own, as it would for
 * a real name). Each runs in the foreground of its own process group.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from '../helpers/server.ts'
import { ROOT } from '../helpers/test-app.ts'

const run = promisify(execFile)
export const SETUP = join(ROOT, 'tests/deploy/setup.sh')

export interface Proxy {
  name: 'caddy' | 'nginx'
  /** https://localhost:<port> */
  url: string
  /** http://localhost:<port>: the plain-http listener, which redirects. */
  httpUrl: string
  /** The root certificate that signed the proxy's certificate. */
  ca: string
  /** The proxy's access log. */
  accessLog: string
  /** The configuration it runs, as written to the temp dir. */
  config: string
  stop: () => Promise<void>
}

/** Replaces `from` with `to` exactly `times` times: an owner's file that changed shape fails the test here, not silently. */
function must(text: string, from: string, to: string, times = 1) {
  const n = text.split(from).length - 1
  if (n !== times) throw new Error(`expected "${from}" ${times} time(s) in the owner's file, found ${n}`)
  return text.replaceAll(from, to)
}

function start(command: string, args: string[], dir: string, env: Record<string, string> = {}): ChildProcess {
  const log = openSync(join(dir, 'proxy.log'), 'a')
  // detached: its own process group (setsid), so stopping it takes every worker with it.
  return spawn(command, args, { cwd: dir, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', log, log] })
}

async function waitForHttps(url: string, child: ChildProcess, dir: string) {
  const deadline = Date.now() + 60_000
  // (…/healthz answers 502 until the server behind is started.)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the proxy exited with ${child.exitCode}:\n${readFileSync(join(dir, 'proxy.log'), 'utf8').slice(-3000)}`)
    const ok = await run('curl', ['-sk', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '2', `${url}/healthz`]).then(
      // Any answer will do (the server behind it may not be up yet: a 502 is the proxy answering).
      (r) => r.stdout !== '000',
      () => false,
    )
    if (ok) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the proxy did not answer ${url} within 60 s:\n${readFileSync(join(dir, 'proxy.log'), 'utf8').slice(-3000)}`)
}

function stopper(child: ChildProcess) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve()
      const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 10_000)
      child.once('exit', () => {
        clearTimeout(kill)
        resolve()
      })
      process.kill(-child.pid!, 'SIGTERM')
    })
}

export async function startCaddy(dir: string, upstreamPort: number): Promise<Proxy> {
  mkdirSync(dir, { recursive: true })
  const [httpsPort, httpPort] = [await freePort(), await freePort()]
  let site = readFileSync(join(ROOT, 'deploy/caddy/Caddyfile'), 'utf8')
  site = must(site, 'comments.example.com {', 'localhost {')
  site = must(site, 'reverse_proxy 127.0.0.1:8787 {', `reverse_proxy 127.0.0.1:${upstreamPort} {`)
  site = must(site, 'output file /var/log/caddy/inkind-access.log', `output file ${join(dir, 'access.log')}`)
  // What the test adds in front: loopback only, its own ports and storage, its own CA (as Caddy uses
  // for a name without public DNS), no admin endpoint, nothing installed into the system's trust.
  const global = [
    '{',
    '\tadmin off',
    '\tskip_install_trust',
    '\tlocal_certs',
    '\tdefault_bind 127.0.0.1',
    `\thttp_port ${httpPort}`,
    `\thttps_port ${httpsPort}`,
    `\tstorage file_system ${join(dir, 'data')}`,
    '}',
    '',
  ].join('\n')
  const config = join(dir, 'Caddyfile')
  writeFileSync(config, global + site)
  const env = { HOME: dir, XDG_DATA_HOME: join(dir, 'xdg-data'), XDG_CONFIG_HOME: join(dir, 'xdg-config') }
  await run('caddy', ['validate', '--config', config, '--adapter', 'caddyfile'], { env: { ...process.env, ...env } })
  const child = start('caddy', ['run', '--config', config, '--adapter', 'caddyfile'], dir, env)
  const url = `https://localhost:${httpsPort}`
  await waitForHttps(url, child, dir)
  const ca = join(dir, 'data/pki/authorities/local/root.crt')
  if (!existsSync(ca)) throw new Error(`Caddy made no local CA at ${ca}`)
  return { name: 'caddy', url, httpUrl: `http://localhost:${httpPort}`, ca, accessLog: join(dir, 'access.log'), config, stop: stopper(child) }
}

export async function startNginx(dir: string, upstreamPort: number): Promise<Proxy> {
  mkdirSync(join(dir, 'tmp'), { recursive: true })
  mkdirSync(join(dir, 'www'), { recursive: true })
  await run('bash', [SETUP, 'ca', join(dir, 'ca')])
  const [httpsPort, httpPort] = [await freePort(), await freePort()]
  let site = readFileSync(join(ROOT, 'deploy/nginx/inkind.conf'), 'utf8')
  site = must(site, 'server 127.0.0.1:8787;', `server 127.0.0.1:${upstreamPort};`)
  site = must(site, '    listen 80;\n', `    listen 127.0.0.1:${httpPort};\n`)
  site = must(site, '    listen [::]:80;\n', '')
  site = must(site, '    listen 443 ssl http2;\n', `    listen 127.0.0.1:${httpsPort} ssl http2;\n`)
  site = must(site, '    listen [::]:443 ssl http2;\n', '')
  site = must(site, 'server_name comments.example.com;', 'server_name localhost;', 2)
  site = must(site, '/etc/letsencrypt/live/comments.example.com/fullchain.pem', join(dir, 'ca/server.crt'))
  site = must(site, '/etc/letsencrypt/live/comments.example.com/privkey.pem', join(dir, 'ca/server.key'))
  site = must(site, '/var/log/nginx/inkind.access.log', join(dir, 'access.log'))
  site = must(site, 'root /var/www/html;', `root ${join(dir, 'www')};`)
  writeFileSync(join(dir, 'inkind.conf'), site)
  // What Debian's /etc/nginx/nginx.conf gives a sites-enabled file, with every path in the temp dir.
  const tmp = (name: string) => `${name}_temp_path ${join(dir, 'tmp', name)};`
  const main = [
    // As root, workers would become www-data, which cannot enter a 0700 temp dir: a test-only setting.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} info;`,
    'events { worker_connections 256; }',
    'http {',
    '    include /etc/nginx/mime.types;',
    '    default_type application/octet-stream;',
    `    ${tmp('client_body')} ${tmp('proxy')} ${tmp('fastcgi')} ${tmp('uwsgi')} ${tmp('scgi')}`,
    `    include ${join(dir, 'inkind.conf')};`,
    '}',
    '',
  ].join('\n')
  const config = join(dir, 'nginx.conf')
  writeFileSync(config, main)
  const args = ['-p', dir, '-c', config, '-e', join(dir, 'error.log')]
  await run('nginx', [...args, '-t'])
  const child = start('nginx', [...args, '-g', 'daemon off;'], dir)
  const url = `https://localhost:${httpsPort}`
  await waitForHttps(url, child, dir)
  return {
    name: 'nginx',
    url,
    httpUrl: `http://localhost:${httpPort}`,
    ca: join(dir, 'ca/ca.crt'),
    accessLog: join(dir, 'access.log'),
    config,
    stop: stopper(child),
  }
}

export interface CurlAnswer {
  status: number
  httpVersion: string
  /** Lowercase names; a header sent several times is joined with "\n". */
  headers: Record<string, string>
  body: string
}

/** curl, trusting only `ca`; the raw body (no --compressed), so Content-Encoding can be checked. */
export async function curl(url: string, ca: string | null, args: string[] = []): Promise<CurlAnswer> {
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'inkind-curl-')), 'body')
  try {
    const r = await run('curl', [
      '-sS',
      '--max-time',
      '30',
      '-D',
      '-',
      '-o',
      bodyFile,
      '-w',
      '\n%{http_version}',
      ...(ca ? ['--cacert', ca] : []),
      ...args,
      url,
    ])
    const cut = r.stdout.lastIndexOf('\n')
    // Redirects are not followed: one header block (after a 100 Continue, if any).
    const lines = r.stdout
      .slice(0, cut)
      .trim()
      .split(/\r?\n\r?\n/)
      .at(-1)!
      .split(/\r?\n/)
    const headers: Record<string, string> = {}
    for (const line of lines.slice(1)) {
      const i = line.indexOf(':')
      const name = line.slice(0, i).trim().toLowerCase()
      const value = line.slice(i + 1).trim()
      headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`
    }
    return { status: Number(lines[0]!.split(' ')[1]), httpVersion: r.stdout.slice(cut + 1), headers, body: readFileSync(bodyFile, 'latin1') }
  } finally {
    rmSync(dirname(bodyFile), { recursive: true, force: true })
  }
}

/**
 * What must work before any UI: `npm run inkind -- <command>`.
 * Uses the same database settings as the server (DATABASE_URL, DATABASE_AUTH_TOKEN).
 */

import { createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { finished } from 'node:stream/promises'
import { parseArgs } from 'node:util'
import type { ImportReport } from '../shared/moving.ts'
import type { RewardSettings } from '../shared/reward.ts'
import { IMPORT_SOURCES, type ImportSource } from '../shared/values.ts'
import { backup } from './db/backup.ts'
import { openDb } from './db/client.ts'
import { DatabaseTooNewError, knownMigrations, migrationStatus } from './db/migration-status.ts'
import { saveAdminUser } from './domain/admin/save-admin-user.ts'
import { endAllSessions } from './domain/admin/sessions.ts'
import { resetTwoFactor } from './domain/admin/two-factor.ts'
import { CLI } from './domain/audit/actor.ts'
import { createCaches } from './domain/caches.ts'
import type { Ctx } from './domain/context.ts'
import { type Finding, runDoctor } from './domain/doctor/doctor.ts'
import { DomainError } from './domain/errors.ts'
import { exportSite, exportText } from './domain/import/export-site.ts'
import { importComments } from './domain/import/import-comments.ts'
import { countBytes } from './domain/import/read-bytes.ts'
import { readSource } from './domain/import/read-source.ts'
import { parseAddressRules } from './domain/import/thread-address.ts'
import { knownPublicUrl } from './domain/instance/public-url.ts'
import { importPool } from './domain/pool/import-pool.ts'
import { addPosts } from './domain/posts/add-post.ts'
import { readPostList } from './domain/posts/read-post-list.ts'
import { exportReader } from './domain/readers/export-reader.ts'
import { findSite, getSite } from './domain/sites/get-site.ts'
import { listSites } from './domain/sites/list-sites.ts'
import { saveSite } from './domain/sites/save-site.ts'
import { ConfigError, readConfig } from './env.ts'
import { doctorProbes } from './outbound/doctor-probes.ts'

const HELP = `Inkind command line

  npm run inkind -- site add <id> --name <name> --origin <https://your.blog> [options]
      Create a site, or change the settings given of one that exists. Options:
        --origin <url>          an origin allowed to embed the widget (repeat for several;
                                on an existing site, added to its origins)
        --label <text>          the reward as readers see it, e.g. "10% off your next order"
        --percent-off <n>       or --amount-off <n> --currency <EUR>
        --kind generated|static|pool   unique codes made here (default), one shared code, or codes
                                imported from your shop (see codes import)
        --static-code <CODE>    the shared code of a static reward
        --prefix <PREFIX->      prefix for generated codes
        --valid-days <n>        days a code stays valid (default 30; 0: no expiry)
        --scope site|thread     one reward per reader per site (default) or per post
        --issue-on submit|approval
        --min-chars <n>         shortest comment that earns the reward
        --moderation auto|pre   publish at once (default) or hold for approval
        --locale <en>
        --no-reward             comments only
        --posts page|listed|any which pages take comments: posts that embed the widget, checked
                                once each (default); only posts you list (below); any path
        --post-query <p>        a query parameter that names a post (WordPress: p for ?p=12)
  npm run inkind -- site list
  npm run inkind -- site show <id>

  npm run inkind -- posts add <site> <path or URL> [more…] [--title <title>]
      List posts that may have comments (with --posts listed, the only ones), with the title
      and address your emails and admin show.
  npm run inkind -- posts import <site> <sitemap.xml | feed.xml | https://…/sitemap.xml>
      List every post of a sitemap or an RSS/Atom feed (a file, or fetched once).

  npm run inkind -- codes import <site> <file.csv>
      Import codes made in your shop into the site's pool (a Shopify export, or one code per line).

  npm run inkind -- import <disqus|wordpress|isso|remark42|commento|inkind> <site> <file> [options]
      Import the comments of another system's export (gzipped or not), or an Inkind export
      (which creates the site from its settings if it does not exist). Importing the same
      file again adds nothing. Progress goes to stderr, the report to stdout. Options:
        --dry-run               read it all and report what would be imported; write nothing
        --map <old=new>         rewrite addresses before they become thread keys (repeatable),
                                e.g. --map https://old.example.com/=/  or  --map /blog/=/posts/
        --count-as-rewarded     the readers of published imported comments already had their
                                thanks: their next comment here earns no new reward
        --json                  print the report as JSON (for scripts)
  npm run inkind -- export <site> <file.ndjson | file.json>
      The whole site (settings, threads, comments, rewards with redemptions, the code pool),
      one record a line, or as one JSON array; import it on another server with import inkind.
  npm run inkind -- export-reader <site> <email>
      Everything the site keeps about one reader (comments, rewards), as JSON on stdout.

  npm run inkind -- backup <file.db>
      An online, consistent copy of the database (VACUUM INTO), safe while the server runs;
      the database as it is (a backup never applies migrations).

  npm run inkind -- migrate [--dry-run]
      Apply the migrations this version brings (the server also does it when it starts);
      --dry-run lists the pending ones and changes nothing.
  npm run inkind -- doctor [--json]
      Check this configuration (the same environment as the server): the database takes
      writes, is in WAL mode and has every migration, disk space, backups, PUBLIC_URL answers
      over the proxy, TRUST_PROXY, every site has origins, an owner exists, SMTP logs in, the
      clock is sane. Says what is wrong and what to do; exits 1 when anything is.

  npm run inkind -- admin add <email> [--role owner|moderator] [--name <name>]
      Create an admin, or reset an existing admin's password and role. Asks for the
      password on the terminal, or reads it from INKIND_PASSWORD; logs them out everywhere.
  npm run inkind -- admin two-factor-off <email>
      Turn off an admin's two-factor login when they lost their phone and their recovery
      codes; logs them out everywhere. They can turn it on again from Account.
`

async function siteAdd(ctx: Ctx, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      origin: { type: 'string', multiple: true },
      label: { type: 'string' },
      'percent-off': { type: 'string' },
      'amount-off': { type: 'string' },
      currency: { type: 'string' },
      'static-code': { type: 'string' },
      kind: { type: 'string' },
      prefix: { type: 'string' },
      'valid-days': { type: 'string' },
      scope: { type: 'string' },
      'issue-on': { type: 'string' },
      'min-chars': { type: 'string' },
      moderation: { type: 'string' },
      locale: { type: 'string' },
      'no-reward': { type: 'boolean' },
      posts: { type: 'string' },
      'post-query': { type: 'string' },
    },
  })
  const id = positionals[0]
  if (!id) throw new UsageError('site add needs a site id, e.g. "site add cpr --name …"')
  const existing = await findSite(ctx, id)
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v))
  const validDays = num(values['valid-days'])
  const reward = values['no-reward']
    ? null
    : ({
        ...existing?.reward,
        kind: values.kind ?? (values['static-code'] ? 'static' : (existing?.reward?.kind ?? 'generated')),
        label: values.label ?? existing?.reward?.label ?? '10% off your next order',
        percentOff: num(values['percent-off']) ?? existing?.reward?.percentOff,
        amountOff: num(values['amount-off']) ?? existing?.reward?.amountOff,
        currency: values.currency ?? existing?.reward?.currency,
        staticCode: values['static-code'] ?? existing?.reward?.staticCode,
        codePrefix: values.prefix ?? existing?.reward?.codePrefix,
        validDays: validDays === 0 ? null : (validDays ?? existing?.reward?.validDays),
        scope: values.scope ?? existing?.reward?.scope,
        issueOn: values['issue-on'] ?? existing?.reward?.issueOn,
        minCommentChars: num(values['min-chars']) ?? existing?.reward?.minCommentChars,
      } as RewardSettings)
  const site = await saveSite(ctx, {
    id,
    actor: CLI,
    settings: {
      name: values.name ?? existing?.name ?? id,
      // Added to the origins a site already has (the admin's Settings removes one).
      origins: [...new Set([...(existing?.origins ?? []), ...(values.origin ?? [])])],
      moderation: (values.moderation ?? existing?.moderation ?? 'auto') as 'auto' | 'pre',
      locale: values.locale ?? existing?.locale ?? 'en',
      reward,
      antiAbuse: existing?.antiAbuse,
      posts: { check: (values.posts ?? existing?.posts.check ?? 'page') as 'page', queryParam: values['post-query'] ?? existing?.posts.queryParam ?? null },
    },
  })
  console.log(`${existing ? 'Updated' : 'Created'} site "${site.id}".`)
  printSite(site)
  // The server's address: PUBLIC_URL if set here, else the one the server last started with.
  const publicUrl = process.env.PUBLIC_URL ? readConfig().publicUrl : await knownPublicUrl(ctx)
  if (publicUrl) {
    console.log(`\nEmbed it with:\n  <div id="inkind"></div>\n  <script src="${publicUrl}/widget.js" data-site="${site.id}" async></script>`)
  } else {
    console.log(
      `\nEmbed it with (put your Inkind server's address in place of https://comments.example.com; this command does not know it yet:\nstart the server once with PUBLIC_URL set, or set PUBLIC_URL here):\n  <div id="inkind"></div>\n  <script src="https://comments.example.com/widget.js" data-site="${site.id}" async></script>`,
    )
  }
}

function printSite(site: Awaited<ReturnType<typeof getSite>>) {
  console.log(
    JSON.stringify({ id: site.id, name: site.name, origins: site.origins, moderation: site.moderation, locale: site.locale, reward: site.reward }, null, 2),
  )
}

class UsageError extends Error {}

async function readPassword(): Promise<string> {
  if (process.env.INKIND_PASSWORD) return process.env.INKIND_PASSWORD
  if (!process.stdin.isTTY) throw new UsageError('Set INKIND_PASSWORD, or run this in a terminal to type the password.')
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true })
  // Hide what is typed.
  ;(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {}
  process.stdout.write('Password (at least 12 characters): ')
  const password = await new Promise<string>((resolve) => rl.once('line', resolve))
  rl.close()
  process.stdout.write('\n')
  return password
}

async function postsAdd(ctx: Ctx, args: string[]) {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { title: { type: 'string' }, url: { type: 'string' } } })
  const [siteId, ...paths] = positionals
  if (!siteId || !paths.length) throw new UsageError('posts add needs a site and at least one path, e.g. "posts add cpr /blog/my-post".')
  const r = await addPosts(ctx, { siteId, actor: CLI, posts: paths.map((path) => ({ path, title: values.title, url: values.url })) })
  console.log(`Listed ${r.added} posts of ${siteId}: ${r.keys?.join(' ')}`)
}

async function adminAdd(ctx: Ctx, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { role: { type: 'string', default: 'moderator' }, name: { type: 'string' } },
  })
  const email = positionals[0]
  if (!email) throw new UsageError('admin add needs an email address.')
  if (values.role !== 'owner' && values.role !== 'moderator') throw new UsageError('--role is owner or moderator.')
  const { user, created } = await saveAdminUser(ctx, { email, password: await readPassword(), role: values.role, name: values.name })
  await endAllSessions(ctx, user.id)
  console.log(`${created ? 'Created' : 'Updated'} ${user.role} ${user.email}.`)
}

const fmt = (n: number) => n.toLocaleString('en-US')

/** The report as an owner reads it. */
function printReport(r: ImportReport) {
  const skipped = Object.entries(r.skipped)
  const total = skipped.reduce((n, [, k]) => n + (k ?? 0), 0)
  console.log(
    `${r.dryRun ? 'Dry run (nothing written): would import' : 'Imported'} from ${r.source} into ${r.site}${r.siteCreated ? ' (site created from the export)' : ''}:`,
  )
  console.log(`  threads   ${fmt(r.threads.total)} (${fmt(r.threads.created)} new)`)
  console.log(`  comments  ${fmt(r.comments.imported)} (${fmt(r.comments.pending)} pending), ${fmt(r.comments.present)} already here`)
  console.log(`  skipped   ${fmt(total)}${total ? `: ${skipped.map(([k, n]) => `${k} ${fmt(n ?? 0)}`).join(', ')}` : ''}`)
  const w = r.warnings
  console.log(
    `  replies   ${fmt(w.reattached)} moved up past a skipped parent, ${fmt(w.parentMissing)} made top-level (parent not in the file)${r.dryRun ? ' (known after a real import)' : ''}`,
  )
  if (w.truncated || w.guessedDates)
    console.log(`  changed   ${fmt(w.truncated)} bodies cut to the size limit, ${fmt(w.guessedDates)} dates with a guessed time zone`)
  if (r.rewards.thanked || r.rewards.restored || r.poolCodes) {
    console.log(`  rewards   ${fmt(r.rewards.thanked)} readers marked as already thanked, ${fmt(r.rewards.restored)} restored, ${fmt(r.poolCodes)} pool codes`)
  }
  if (r.problems.length) {
    console.log(`  the first ${r.problems.length} records left out or changed:`)
    for (const p of r.problems) console.log(`    ${p.line === null ? '' : `line ${p.line} `}${p.id ?? ''} ${p.reason}${p.detail ? `: ${p.detail}` : ''}`)
  }
}

async function importCommand(ctx: Ctx, args: string[]) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { map: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean' }, 'count-as-rewarded': { type: 'boolean' }, json: { type: 'boolean' } },
  })
  const [source, siteId, file] = positionals
  if (!source || !IMPORT_SOURCES.includes(source as ImportSource) || !siteId || !file) {
    throw new UsageError(`import needs a source (${IMPORT_SOURCES.join(', ')}), a site and a file, e.g. "import disqus cpr export.xml.gz".`)
  }
  if (!existsSync(file)) throw new UsageError(`There is no file ${file}.`)
  const size = statSync(file).size
  let read = 0
  let last = 0
  let latest: ImportReport | null = null
  // Progress on stderr: in place on a terminal, a line every few seconds otherwise.
  const tty = process.stderr.isTTY
  const progress = () => {
    const now = Date.now()
    if (now - last < (tty ? 200 : 5000)) return
    last = now
    const skipped = Object.values(latest?.skipped ?? {}).reduce((n, k) => n + (k ?? 0), 0)
    const line = `${(read / 1048576).toFixed(1)} of ${(size / 1048576).toFixed(1)} MB read (${size ? Math.floor((read / size) * 100) : 100}%)${
      latest ? ` · ${fmt(latest.comments.imported)} comments · ${fmt(latest.comments.present)} already here · ${fmt(skipped)} skipped` : ''
    }`
    process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`)
  }
  const bytes = countBytes(createReadStream(file, { highWaterMark: 64 * 1024 }), (n) => {
    read = n
    progress()
  })
  const report = await importComments(ctx, {
    siteId,
    source: source as ImportSource,
    records: readSource(source as ImportSource, bytes),
    rules: parseAddressRules(values.map ?? []),
    dryRun: values['dry-run'],
    countAsRewarded: values['count-as-rewarded'],
    actor: CLI,
    onProgress: (r) => {
      latest = r
      progress()
    },
  })
  process.stderr.write(tty ? '\n' : '')
  if (values.json) console.log(JSON.stringify(report, null, 2))
  else printReport(report)
}

async function exportCommand(ctx: Ctx, args: string[]) {
  const [siteId, file] = args
  if (!siteId || !file) throw new UsageError('export needs a site and a file, e.g. "export cpr cpr.ndjson".')
  if (existsSync(file)) throw new UsageError(`${file} already exists; choose a new file name.`)
  const out = createWriteStream(file, { flags: 'wx' })
  let lines = 0
  for await (const text of exportText(exportSite(ctx, { siteId, actor: CLI }), /\.json$/i.test(file) ? 'json' : 'ndjson')) {
    lines++
    if (!out.write(text)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
  }
  out.end()
  await finished(out)
  console.log(`Exported ${siteId} to ${resolve(file)} (${fmt(lines)} records). Import it with: npm run inkind -- import inkind <site> ${file}`)
}

/** migrate [--dry-run]: what the next start applies, or apply it now. */
async function migrateCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' } } })
  const config = readConfig()
  const { client, close } = await openDb(config.databaseUrl, config.databaseAuthToken, config.databaseSync, { migrate: false })
  let before: Awaited<ReturnType<typeof migrationStatus>>
  try {
    before = await migrationStatus(client)
  } finally {
    close()
  }
  if (before.unknown.length) throw new DatabaseTooNewError(before)
  console.log(`Database ${config.databaseUrl}: ${before.applied.length} of ${before.applied.length + before.pending.length} migrations applied.`)
  if (!before.pending.length) return console.log('Nothing to do: the database is up to date.')
  console.log(`${values['dry-run'] ? 'Pending (not applied: dry run)' : 'Applying'}:`)
  for (const m of before.pending) console.log(`  ${m.tag}  (${m.statements} statement${m.statements === 1 ? '' : 's'}, written ${m.date.slice(0, 10)})`)
  if (values['dry-run'])
    return console.log('Back up first (npm run inkind -- backup <file>); the server applies them when it starts, or run: npm run inkind -- migrate')
  const opened = await openDb(config.databaseUrl, config.databaseAuthToken, config.databaseSync)
  opened.close()
  console.log(`Applied ${before.pending.length}.`)
}

/** doctor [--json]: every check of server/domain/doctor, printed for people (or as JSON), exit 1 on a problem. */
async function doctorCommand(args: string[]) {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' } } })
  const print = (findings: Finding[]) => {
    const problems = findings.filter((f) => f.verdict === 'problem').length
    const warnings = findings.filter((f) => f.verdict === 'warn').length
    if (values.json) console.log(JSON.stringify({ findings, problems, warnings }, null, 2))
    else {
      const width = Math.max(...findings.map((f) => f.check.length))
      for (const f of findings) {
        const mark = { ok: 'ok     ', warn: 'WARN   ', problem: 'PROBLEM' }[f.verdict]
        console.log(`${mark}  ${f.check.padEnd(width)}  ${f.message}`)
        if (f.fix && f.verdict !== 'ok') console.log(`${' '.repeat(9 + width + 2)}→ ${f.fix}`)
      }
      console.log(
        `\n${problems ? `${problems} problem${problems === 1 ? '' : 's'}` : 'No problems'}${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`,
      )
    }
    if (problems) process.exitCode = 1
  }
  let config: ReturnType<typeof readConfig>
  try {
    config = readConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    return print([
      { check: 'configuration', verdict: 'problem', message: error.message.replace(/\n\s*/g, ' '), fix: 'Fix the variable named (README: Configuration).' },
    ])
  }
  const local = config.databaseUrl.startsWith('file:') && !config.databaseUrl.includes(':memory:')
  const file = local ? resolve(config.databaseUrl.slice('file:'.length).split('?')[0]!) : undefined
  if (file && !existsSync(file)) {
    return print([
      {
        check: 'database',
        verdict: 'problem',
        message: `${file} does not exist`,
        fix: 'Start the server once (it creates the database), or set DATABASE_URL to where it is.',
      },
    ])
  }
  let opened: Awaited<ReturnType<typeof openDb>>
  try {
    opened = await openDb(config.databaseUrl, config.databaseAuthToken, config.databaseSync, { migrate: false })
  } catch (error) {
    return print([
      { check: 'database', verdict: 'problem', message: `${config.databaseUrl} cannot be opened: ${String((error as Error).message ?? error).split('\n')[0]}` },
    ])
  }
  try {
    const ctx: Ctx = { db: opened.db, clock: () => new Date(), caches: createCaches() }
    const migrations = await migrationStatus(opened.client)
    print(
      await runDoctor(ctx, {
        config,
        publicUrlSet: Boolean(process.env.PUBLIC_URL),
        databaseDir: file && dirname(file),
        migrations,
        newestMigration: knownMigrations().at(-1)?.when,
        probes: doctorProbes(config.smtpUrl),
      }),
    )
  } finally {
    opened.close()
  }
}

async function main(argv: string[]) {
  const [area, verb, ...rest] = argv
  if (!area || area === 'help' || area === '--help') return console.log(HELP)
  if (area === 'migrate') return await migrateCommand(argv.slice(1))
  if (area === 'doctor') return await doctorCommand(argv.slice(1))
  const config = readConfig()
  // A backup copies the database as it is: the one taken before an upgrade must not be migrated by the new version's CLI.
  const { db, close } = await openDb(config.databaseUrl, config.databaseAuthToken, config.databaseSync, { migrate: area !== 'backup' })
  const ctx: Ctx = { db, clock: () => new Date(), caches: createCaches(), canEmail: Boolean(config.smtpUrl) }
  try {
    if (area === 'site' && verb === 'add') return await siteAdd(ctx, rest)
    if (area === 'site' && verb === 'list') {
      for (const s of await listSites(ctx)) console.log(`${s.id}\t${s.name}\t${s.origins.join(' ')}`)
      return
    }
    if (area === 'site' && verb === 'show' && rest[0]) return printSite(await getSite(ctx, rest[0]))
    if (area === 'admin' && verb === 'add') return await adminAdd(ctx, rest)
    if (area === 'admin' && verb === 'two-factor-off' && rest[0]) {
      const done = await resetTwoFactor(ctx, { email: rest[0], actor: CLI })
      return console.log(done ? `Two-factor login is off for ${rest[0]}; they are logged out everywhere.` : `${rest[0]} had no two-factor login.`)
    }
    if (area === 'posts' && verb === 'add') return await postsAdd(ctx, rest)
    if (area === 'posts' && verb === 'import' && rest[0] && rest[1]) {
      const source = rest[1]
      const xml = /^https?:\/\//i.test(source) ? await (await fetch(source, { signal: AbortSignal.timeout(30_000) })).text() : readFileSync(source, 'utf8')
      const posts = readPostList(xml)
      if (!posts.length) throw new UsageError(`${source} lists no posts (expected a sitemap or an RSS/Atom feed).`)
      const r = await addPosts(ctx, { siteId: rest[0], posts, actor: CLI })
      return console.log(`Listed ${r.added} posts of ${rest[0]}.`)
    }
    if (area === 'codes' && verb === 'import' && rest[0] && rest[1]) {
      const r = await importPool(ctx, { siteId: rest[0], csv: readFileSync(rest[1], 'utf8'), actor: CLI })
      return console.log(
        `Imported ${r.imported} codes into ${rest[0]} (${r.duplicates} duplicates and ${r.blank} blank lines skipped; ${r.handedOut} waiting readers got theirs).`,
      )
    }
    if (area === 'import') return await importCommand(ctx, argv.slice(1))
    if (area === 'export' && verb && rest[0]) return await exportCommand(ctx, [verb, rest[0]])
    if (area === 'export-reader' && verb && rest[0]) {
      return console.log(JSON.stringify(await exportReader(ctx, { siteId: verb, email: rest[0], actor: CLI }), null, 2))
    }
    if (area === 'backup' && verb) {
      if (existsSync(verb)) throw new UsageError(`${verb} already exists; choose a new file name.`)
      await backup(ctx, resolve(verb))
      return console.log(
        `Backed up the database to ${resolve(verb)}. Restore: stop the server, copy it to ./data/inkind.db (or your DATABASE_URL file), start.`,
      )
    }
    throw new UsageError(`Unknown command "${argv.join(' ')}".`)
  } finally {
    close()
  }
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof DomainError) {
    console.error(error.message)
    for (const [field, problem] of Object.entries(error.fields ?? {})) console.error(`  ${field}: ${problem}`)
  } else if (error instanceof DatabaseTooNewError) {
    console.error(error.message)
  } else if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`${error.message}\n\n${HELP}`)
  } else {
    console.error(error)
  }
  process.exitCode = 1
})

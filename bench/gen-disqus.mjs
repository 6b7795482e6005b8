#!/usr/bin/env node

// Streams a synthetic Disqus XML export of roughly <sizeMB> megabytes (MiB).
//
//   node gen-disqus.mjs 100 > big.xml
//   node gen-disqus.mjs 100 big.xml --seed=7
//   node gen-disqus.mjs 5 - | gzip > big.xml.gz      (real exports arrive gzipped)
//
// No dependencies. Memory stays bounded because threads are written first as
// they are generated, and posts are made a batch of threads at a time (a few
// hundred posts in memory), time-sorted inside the batch, then written out with
// back-pressure. Output is deterministic for a given seed and size.
//
// What it contains (rates are approximate):
//   - <category>, then <thread> elements, then <post> elements (the order Disqus uses)
//   - threads: blog.example.com paths; ~3% duplicate threads for the same page
//     (http:// + ?utm_* link, empty <id/>); ~1% isDeleted; ~5% isClosed;
//     ~20% empty <id/>; some createdAt values without "Z"
//   - posts: HTML in CDATA (<p>, <br>, <a>, <code>, <b>, entities such as
//     &amp; &lt; &gt; &#8217; &quot;), unicode names, emoji; ~45% replies (any depth);
//     ~3% isDeleted; ~2% isSpam; ~0.3% orphans (thread id not in the file);
//     ~1% of replies written before their parent; ~2% of posts with no dsq:id
//     attribute (happens in real files); ~30% anonymous guests
// A summary goes to stderr at the end.

import { once } from 'node:events'
import fs from 'node:fs'

const args = process.argv.slice(2)
const flags = Object.fromEntries(
  args
    .filter((a) => a.startsWith('--'))
    .map((a) => {
      const [k, v] = a.slice(2).split('=')
      return [k, v ?? 'true']
    }),
)
const pos = args.filter((a) => !a.startsWith('--'))
const sizeMB = Number(pos[0])
if (!(sizeMB > 0)) {
  process.stderr.write('usage: node gen-disqus.mjs <sizeMB> [outfile|-] [--seed=N]\n')
  process.exit(2)
}
const outPath = pos[1] && pos[1] !== '-' ? pos[1] : null
const seed = Number(flags.seed ?? 42) >>> 0
const TARGET = Math.floor(sizeMB * 1024 * 1024)
const CLOSING = '\n</disqus>\n'

// ---------- deterministic PRNG (mulberry32) ----------
let s = seed || 1
const rnd = () => {
  s |= 0
  s = (s + 0x6d2b79f5) | 0
  let t = Math.imul(s ^ (s >>> 15), 1 | s)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const int = (a, b) => a + Math.floor(rnd() * (b - a + 1))
const pick = (arr) => arr[Math.floor(rnd() * arr.length)]
const chance = (p) => rnd() < p

// ---------- vocabulary ----------
const FIRST = [
  'Zoë',
  'José',
  'Ольга',
  'Mark',
  'Aiko',
  'Jürgen',
  'François',
  'Siobhán',
  'Øyvind',
  'Łukasz',
  'Ana',
  'Björk',
  'Chidi',
  'Mei',
  'Raj',
  'Fatima',
  'Ünal',
  'Nguyễn',
  'Søren',
  'Ilse',
  'Tomás',
  'Ève',
  'Dmitri',
  'Priya',
  'Kwame',
  'Hana',
  'Liam',
  'Noa',
  'Yusuf',
  'Élodie',
]
const LAST = [
  'Ångström',
  'Núñez',
  'Петрова',
  "O'Neil",
  'Tanaka',
  'Müller',
  'Dupont',
  'Ní Bhriain',
  'Hansen',
  'Wójcik',
  'Silva',
  'Guðmundsdóttir',
  'Okafor',
  'Wang',
  'Patel',
  'Haddad',
  'Yılmaz',
  'Văn An',
  'Kierkegaard',
  'de Vries',
  'García',
  'Lefèvre',
  'Ivanov',
  'Sharma',
  'Mensah',
  'Kim',
  'Byrne',
  'Levi',
  'Demir',
  'Rousseau',
]
const CJK = ['田中 太郎', '山田 花子', '李 小龙', '김 민준', '王 芳']
const WORDS =
  'the a of and to in is it that for on with as this was but be at by not are from or have an they which one you were all we when there can more if no out so what up about into than them some could time only new just like other then also after use how our well way even because any these give most us really great post thanks agree disagree point idea code server blog comment reply example test data stream parser memory performance reciprocity design simple nice question answer problem solution version update import export thread page link text'.split(
    ' ',
  )
const EMOJI = ['🙂', '👍', '🎉', '🤔', '❤️', '🚀']
const SLUGS = [
  'hello-world',
  'reciprocity',
  'streams-in-node',
  'on-sqlite',
  'why-self-host',
  'comment-systems',
  'weekly-notes',
  'a-quiet-year',
  'moving-house',
  'garden-log',
  'recipes',
  'reading-list',
  'tools-i-use',
  'backups',
  'travel-notes',
  'photo-walk',
  'year-in-review',
  'small-web',
  'rss-is-alive',
  'typescript-tips',
]
const DOMAINS = ['example.org', 'example.net', 'docs.example.com', 'news.example.net', 'wiki.example.org']

const cdata = (str) => `<![CDATA[${str.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`
const xmlText = (str) => str.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

function sentence() {
  const n = int(4, 16)
  const w = []
  for (let i = 0; i < n; i++) w.push(pick(WORDS))
  let t = w.join(' ')
  t = t[0].toUpperCase() + t.slice(1)
  if (chance(0.15)) t += ` &amp; ${pick(WORDS)}`
  if (chance(0.1)) t += ` I&#8217;m ${pick(WORDS)}`
  if (chance(0.06)) t += ' (x &lt; y &gt; z)'
  if (chance(0.05)) t += ` &quot;${pick(WORDS)}&quot;`
  if (chance(0.05)) t += ' <code>&lt;div&gt;</code>'
  if (chance(0.05)) t += ` <b>${pick(WORDS)}</b>`
  if (chance(0.04)) t += ` ${pick(EMOJI)}`
  return t + pick(['.', '.', '.', '!', '?'])
}
function link() {
  const u = `https://${pick(DOMAINS)}/${pick(WORDS)}/${int(1, 99999)}?a=${int(1, 9)}&amp;b=${pick(WORDS)}`
  const r = rnd()
  const text = r < 0.4 ? `${pick(WORDS)} ${pick(WORDS)}` : r < 0.7 ? u : `${u.replace(/&amp;/g, '&').slice(0, 30).replace(/&/g, '&amp;')}...`
  return `<a href="${u}" rel="nofollow noopener" target="_blank" title="${u}">${text}</a>`
}
function message() {
  if (chance(0.05)) return sentence().replace(/<[^>]+>/g, '') // plain text, no <p>
  const paras = int(1, 4)
  const out = []
  for (let i = 0; i < paras; i++) {
    const lines = []
    const n = int(1, 3)
    for (let j = 0; j < n; j++) lines.push(sentence() + (chance(0.2) ? ` ${link()}` : ''))
    out.push(`<p>${lines.join(chance(0.5) ? '<br>' : ' ')}</p>`)
  }
  return out.join('')
}
function author() {
  const name = chance(0.08) ? pick(CJK) : `${pick(FIRST)} ${pick(LAST)}`
  const anon = chance(0.3)
  const user =
    name
      .normalize('NFKD')
      .replace(/[^\w]+/g, '_')
      .toLowerCase()
      .replace(/^_+|_+$/g, '') || 'user'
  return { name, anon, username: anon ? null : `${user}_${int(1, 9999)}`, email: chance(0.6) ? `${user || 'user'}${int(1, 999)}@example.com` : '' }
}
const ip = () => `${pick([192, 198, 203])}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`

// ---------- output with back-pressure ----------
const out = outPath ? fs.createWriteStream(outPath) : process.stdout
let written = 0
let buf = ''
let bufBytes = 0
let peakRss = 0
async function w(str) {
  buf += str
  bufBytes += Buffer.byteLength(str, 'utf8')
  if (bufBytes >= 1 << 18) await flush()
}
async function flush() {
  if (!buf) return
  const b = Buffer.from(buf, 'utf8')
  buf = ''
  bufBytes = 0
  written += b.length
  const rss = process.memoryUsage.rss()
  if (rss > peakRss) peakRss = rss
  if (!out.write(b)) await once(out, 'drain')
}
const pending = () => written + bufBytes

// ---------- generate ----------
const t0 = process.hrtime.bigint()
const stats = { threads: 0, dupThreads: 0, deletedThreads: 0, posts: 0, replies: 0, deleted: 0, spam: 0, orphans: 0, outOfOrder: 0, noId: 0 }
const nThreads = Math.max(3, Math.floor(TARGET / 24000))
const THREAD_BASE = 8000000000
const POST_BASE = 5000000000
const EPOCH = Date.UTC(2012, 0, 1)
const SPAN = Date.UTC(2024, 5, 1) - EPOCH
const threadTime = (i) => EPOCH + Math.floor((i / nThreads) * SPAN)

await w(
  '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://disqus.com/api/schemas/1.0/disqus.xsd http://disqus.com/api/schemas/1.0/disqus-internals.xsd">\n',
)
await w('<category dsq:id="1000001"><forum>example-blog</forum><title>General</title><isDefault>true</isDefault></category>\n')

const recentPaths = [] // small ring of earlier paths, reused by duplicate threads
for (let i = 0; i < nThreads; i++) {
  const d = new Date(threadTime(i))
  const dup = i > 0 && chance(0.03)
  const slug = `${pick(SLUGS)}-${i}`
  const path = dup ? pick(recentPaths) : chance(0.5) ? `/${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${slug}/` : `/blog/${slug}`
  if (!dup) {
    recentPaths.push(path)
    if (recentPaths.length > 16) recentPaths.shift()
  }
  const link = dup
    ? `http://blog.example.com${path}?utm_source=${pick(['twitter', 'rss', 'newsletter'])}&amp;utm_medium=social`
    : `https://blog.example.com${path}`
  const deleted = chance(0.01)
  const idEl = dup || chance(0.2) ? '<id/>' : `<id>${slug}</id>`
  const created = chance(0.05) ? iso(threadTime(i)).replace('Z', '') : iso(threadTime(i))
  stats.threads++
  if (dup) stats.dupThreads++
  if (deleted) stats.deletedThreads++
  await w(
    `<thread dsq:id="${THREAD_BASE + i}">${idEl}<forum>example-blog</forum><category dsq:id="1000001"/><link>${link}</link><title>${cdata(slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase()))}</title><message/><createdAt>${created}</createdAt><author><name>Blog Owner</name><isAnonymous>false</isAnonymous><username>blogowner</username></author><ipAddress>203.0.113.10</ipAddress><isClosed>${chance(0.05)}</isClosed><isDeleted>${deleted}</isDeleted></thread>\n`,
  )
}

let postSeq = 0
let cursor = 0
let done = false
const BATCH = 32
while (!done) {
  const batch = []
  for (let b = 0; b < BATCH; b++) {
    const ti = (cursor + b) % nThreads
    const round = Math.floor((cursor + b) / nThreads) // later passes over the same threads get later dates
    const base = threadTime(ti) + round * 86400000 * 30
    const n = 1 + Math.floor(-Math.log(1 - rnd()) * 17)
    const local = []
    let t = base + int(60, 86400) * 1000
    for (let k = 0; k < n; k++) {
      t += int(30, 36 * 3600) * 1000
      const id = POST_BASE + postSeq++
      const parent = local.length && chance(0.45) ? local[Math.floor(rnd() * local.length)] : null
      const p = { id, thread: THREAD_BASE + ti, parent, t }
      local.push(id)
      batch.push(p)
    }
  }
  cursor += BATCH
  batch.sort((a, b) => a.t - b.t)
  for (let i = 1; i < batch.length; i++) {
    // a few children before their parents
    if (batch[i].parent === batch[i - 1].id && chance(0.02)) {
      ;[batch[i - 1], batch[i]] = [batch[i], batch[i - 1]]
      stats.outOfOrder++
    }
  }
  for (const p of batch) {
    const a = author()
    const deleted = chance(0.03)
    const spam = !deleted && chance(0.02)
    const orphan = chance(0.003)
    const threadId = orphan ? THREAD_BASE + nThreads + 1000000 + int(0, 999) : p.thread
    const noId = chance(0.02)
    stats.posts++
    if (p.parent) stats.replies++
    if (deleted) stats.deleted++
    if (spam) stats.spam++
    if (orphan) stats.orphans++
    if (noId) stats.noId++
    const authorXml = `<author>${a.email ? `<email>${a.email}</email>` : '<email/>'}<name>${xmlText(a.name)}</name><isAnonymous>${a.anon}</isAnonymous>${a.username ? `<username>${a.username}</username>` : ''}</author>`
    await w(
      `<post${noId ? '' : ` dsq:id="${p.id}"`}><id>${noId ? p.id : ''}</id><message>${cdata(spam ? 'Cheap watches!!! <a href="http://spam.example/">http://spam.example/</a>' : message())}</message><createdAt>${iso(p.t)}</createdAt><isDeleted>${deleted}</isDeleted><isSpam>${spam}</isSpam>${authorXml}<ipAddress>${ip()}</ipAddress><thread dsq:id="${threadId}"/>${p.parent ? `<parent dsq:id="${p.parent}"/>` : ''}</post>\n`,
    )
    if (pending() + CLOSING.length >= TARGET) {
      done = true
      break
    }
  }
}
await w(CLOSING)
await flush()
if (outPath) {
  out.end()
  await once(out, 'finish')
}
const secs = Number(process.hrtime.bigint() - t0) / 1e9
process.stderr.write(
  `gen-disqus: ${written} bytes (${(written / 1048576).toFixed(1)} MiB) in ${secs.toFixed(2)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MiB\n` +
    `  threads ${stats.threads} (duplicates ${stats.dupThreads}, deleted ${stats.deletedThreads}), posts ${stats.posts} (replies ${stats.replies}, deleted ${stats.deleted}, spam ${stats.spam}, orphans ${stats.orphans}, child-before-parent ${stats.outOfOrder}, no dsq:id ${stats.noId})\n`,
)

/**
 * A WordPress export (Tools → Export, WXR 1.0–1.2): under rss/channel, every
 * <item> (a post, a page, an attachment) with its <link> and <title>, and its
 * <wp:comment>s: id, author, email, date (local) and date_gmt (UTC), content
 * (HTML before wpautop), approved (1, 0, spam, trash, post-trashed), type
 * (pingbacks and trackbacks are not comments) and parent.
 *
 * Streamed an item field and a comment at a time. A draft's link is its
 * `?p=N` shortlink; thread-address.ts decides what that becomes.
 */
import { DomainError } from '../errors.ts'
import { decodeHtmlLine, htmlToText } from './html-to-text.ts'
import type { Bytes } from './read-bytes.ts'
import { type ImportRecord, utcIso } from './records.ts'
import { childText, type XmlElement, xmlEvents } from './xml-elements.ts'

const WXR = /^http:\/\/wordpress\.org\/export\/1\.\d+\/$/
const ZERO_DATE = /^0000-00-00/
const COMMENT_TYPES = new Set(['', 'comment', 'review'])

/** `YYYY-MM-DD HH:MM:SS` read as UTC, in milliseconds; NaN when it is none. */
const wpTime = (text: string) => (ZERO_DATE.test(text) ? Number.NaN : Date.parse(`${text.trim().replace(' ', 'T')}Z`))

interface Item {
  link: string
  title: string
  id: string
  /** The blog's offset from UTC when the post was written (post_date − post_date_gmt), for comments without a UTC date. */
  offsetMs: number
  createdAt: string | null
  threadSent: boolean
}

export async function* parseWordpress(chunks: Bytes): AsyncGenerator<ImportRecord> {
  let wxr = false
  let item: Item | null = null
  let date = { local: '', gmt: '' }
  for await (const event of xmlEvents(chunks, 4, 'a WordPress export (WXR)')) {
    if (event.kind === 'open') {
      if (event.depth === 1 && event.name !== 'rss') throw notWxr(`it starts with <${event.name}>, not <rss>`)
      if (event.depth === 3 && WXR.test(event.uri)) wxr = true
      if (event.depth === 3 && event.name === 'item') {
        if (!wxr) throw notWxr('it has no wp:wxr_version before its items')
        item = { link: '', title: '', id: '', offsetMs: Number.NaN, createdAt: null, threadSent: false }
        date = { local: '', gmt: '' }
      }
      continue
    }
    if (event.kind === 'close') {
      if (event.depth === 3 && event.name === 'item') item = null
      continue
    }
    const el = event.el
    if (!item) continue
    if (!WXR.test(el.uri)) {
      if (el.name === 'link') item.link = el.text.trim()
      else if (el.name === 'title') item.title = el.text.trim()
      continue
    }
    if (el.name === 'post_id') item.id = el.text.trim()
    else if (el.name === 'post_date') date.local = el.text.trim()
    else if (el.name === 'post_date_gmt') {
      date.gmt = el.text.trim()
      item.offsetMs = wpTime(date.local) - wpTime(date.gmt)
      item.createdAt = utcIso(wpTime(date.gmt))
    } else if (el.name === 'comment') {
      if (!item.threadSent) {
        item.threadSent = true
        yield { kind: 'thread', id: `post:${item.id || item.link}`, url: item.link, title: decodeHtmlLine(item.title) || null, createdAt: item.createdAt }
      }
      yield comment(el, item)
    }
  }
  if (!wxr) throw notWxr('it has no wp:wxr_version')
}

function notWxr(why: string) {
  return new DomainError('invalid_input', `This is not a WordPress export (WXR): ${why}.`, { file: 'format' })
}

function comment(el: XmlElement, item: Item): ImportRecord {
  const f = (name: string) => childText(el, `comment_${name}`)
  const id = f('id')
  const key = id ? `wordpress:${id}` : null
  const parent = f('parent')
  const parentKey = parent && parent !== '0' ? `wordpress:${parent}` : null
  const base = { key, parentKey, line: el.line }
  if (!key) return { kind: 'skip', ...base, reason: 'invalid', detail: 'the comment has no comment_id' }
  const type = f('type')
  if (!COMMENT_TYPES.has(type)) return { kind: 'skip', ...base, reason: 'not-a-comment', detail: type }
  const approved = f('approved')
  if (approved === 'spam') return { kind: 'skip', ...base, reason: 'spam' }
  if (approved === 'trash' || approved === 'post-trashed') return { kind: 'skip', ...base, reason: 'deleted', detail: approved }

  // comment_date_gmt is UTC; some comments (brought in from elsewhere) have zeros there and only the blog's local time.
  let createdAt = utcIso(wpTime(f('date_gmt')))
  let guessedDate = false
  if (!createdAt) {
    const local = wpTime(f('date'))
    createdAt = utcIso(local - (Number.isNaN(item.offsetMs) ? 0 : item.offsetMs))
    guessedDate = true
  }
  if (!createdAt) return { kind: 'skip', ...base, reason: 'invalid', detail: `comment_date "${f('date')}" is not a date` }
  const name = decodeHtmlLine(f('author'))
  return {
    kind: 'comment',
    key,
    parentKey,
    thread: `post:${item.id || item.link}`,
    authorName: name,
    email: f('author_email'),
    author: name || null,
    body: htmlToText(childText(el, 'comment_content'), { autop: true }),
    status: approved === '1' ? 'published' : 'pending',
    createdAt,
    guessedDate,
    line: el.line,
  }
}

/**
 * A Disqus export (Admin → Moderate → Export; an .xml.gz): under <disqus>,
 * every <thread dsq:id> with its page's <link> and <title>, then every
 * <post dsq:id> with its HTML <message>, <author>, <createdAt> (UTC, with or
 * without the Z), <parent dsq:id>, <isDeleted> and <isSpam>.
 *
 * Streamed: only the threads' ids and addresses are kept (a few per post at
 * most); posts go out one by one. Disqus writes every thread before the posts,
 * so a post whose thread was not listed is an orphan.
 */
import { DomainError } from '../errors.ts'
import { htmlToText } from './html-to-text.ts'
import type { Bytes } from './read-bytes.ts'
import { type ImportRecord, isoFromRfc3339 } from './records.ts'
import { attr, child, childText, type XmlElement, xmlEvents } from './xml-elements.ts'

const DISQUS = 'http://disqus.com'
const INTERNALS = 'http://disqus.com/disqus-internals'

const yes = (el: XmlElement, name: string) => childText(el, name).toLowerCase() === 'true'

export async function* parseDisqus(chunks: Bytes): AsyncGenerator<ImportRecord> {
  const threads = new Set<string>()
  for await (const event of xmlEvents(chunks, 2, 'a Disqus export')) {
    if (event.kind === 'open' && event.depth === 1 && (event.name !== 'disqus' || event.uri !== DISQUS)) {
      throw new DomainError('invalid_input', `This is not a Disqus export: it starts with <${event.name}>, not <disqus xmlns="${DISQUS}">.`, { file: 'format' })
    }
    if (event.kind !== 'element') continue
    const el = event.el
    if (el.name === 'thread') {
      const id = attr(el, 'id', INTERNALS)
      if (!id) continue
      threads.add(id)
      yield {
        kind: 'thread',
        id,
        url: childText(el, 'link'),
        title: childText(el, 'title') || null,
        createdAt: isoFromRfc3339(childText(el, 'createdAt')),
        deleted: yes(el, 'isDeleted'),
      }
    } else if (el.name === 'post') yield post(el, threads)
  }
}

function post(el: XmlElement, threads: Set<string>): ImportRecord {
  // A few real posts have no dsq:id; their <id> then holds it.
  const id = attr(el, 'id', INTERNALS) || childText(el, 'id')
  const key = id ? `disqus:${id}` : null
  const parent = attr(child(el, 'parent'), 'id', INTERNALS)
  const parentKey = parent ? `disqus:${parent}` : null
  const thread = attr(child(el, 'thread'), 'id', INTERNALS) ?? ''
  const skip = (reason: 'spam' | 'deleted' | 'orphan' | 'invalid', detail?: string): ImportRecord => ({
    kind: 'skip',
    key,
    parentKey,
    reason,
    line: el.line,
    ...(detail && { detail }),
  })
  if (!key) return skip('invalid', 'the post has no dsq:id and no <id>')
  if (yes(el, 'isSpam')) return skip('spam')
  if (yes(el, 'isDeleted')) return skip('deleted')
  if (!threads.has(thread)) return skip('orphan', `thread ${thread || '(none)'} is not in the file`)
  const createdAt = isoFromRfc3339(childText(el, 'createdAt'))
  if (!createdAt) return skip('invalid', `createdAt "${childText(el, 'createdAt')}" is not a date`)
  const author = child(el, 'author')
  const name = author ? childText(author, 'name') : ''
  return {
    kind: 'comment',
    key,
    parentKey,
    thread,
    authorName: name,
    email: author ? childText(author, 'email') : '',
    author: (author && childText(author, 'username')) || name || null,
    body: htmlToText(child(el, 'message')?.text ?? ''),
    status: 'published',
    createdAt,
    line: el.line,
  }
}

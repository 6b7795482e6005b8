/**
 * An Inkind export (export-site.ts): a header line with the site's settings,
 * then one thread, comment, reward or pool code a line; or the same records
 * as a JSON array, one a line, as `export … file.json` writes it. Every line
 * is checked against its shared schema; a line that is not one stops the
 * import there and says why (an Inkind export is restored whole or not at all).
 */
import { EXPORT_FORMAT, ExportHeader, ExportLine } from '../../../shared/moving.ts'
import { DomainError } from '../errors.ts'
import { type Bytes, readLines } from './read-bytes.ts'
import type { ImportRecord } from './records.ts'

export async function* parseInkind(chunks: Bytes): AsyncGenerator<ImportRecord> {
  let header = false
  for await (const { text, line } of readLines(chunks)) {
    // The JSON form: "[", one record a line each but the last followed by ",", "]".
    const json = text.trim().replace(/,$/, '')
    if (!json || json === '[' || json === ']') continue
    const fail = (why: string): never => {
      throw new DomainError('invalid_input', `Line ${line} of the Inkind export ${why}`, { line: String(line) })
    }
    let value: unknown
    try {
      value = JSON.parse(json)
    } catch (error) {
      fail(`is not JSON: ${(error as Error).message}`)
    }
    if (!header) {
      const first = ExportHeader.safeParse(value)
      if (!first.success) fail(`is not its header: this is not an Inkind export (${EXPORT_FORMAT}, version 1).`)
      header = true
      yield { kind: 'site', site: first.data!.site }
      continue
    }
    const parsed = ExportLine.safeParse(value)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      fail(`is not a valid record: ${issue?.path.join('.') || 'type'}: ${issue?.message}`)
    }
    const r = parsed.data!
    if (r.type === 'thread') {
      yield { kind: 'thread', id: r.key, url: r.key, isKey: true, link: r.url, title: r.title, createdAt: r.createdAt, keep: true, source: r.source }
    } else if (r.type === 'comment') {
      yield {
        kind: 'comment',
        key: r.id,
        parentKey: r.parent,
        thread: r.thread,
        authorName: r.authorName,
        email: r.email,
        author: null,
        readerKey: r.readerKey,
        body: r.body,
        status: r.status,
        flag: r.flag,
        createdAt: r.createdAt,
        line,
      }
    } else if (r.type === 'reward') yield { kind: 'reward', reward: r, line }
    else if (r.type === 'pool-code') yield { kind: 'pool-code', code: r }
    else fail('is a second header.')
  }
  if (!header) throw new DomainError('invalid_input', 'The file is empty: this is not an Inkind export.', { file: 'format' })
}

/**
 * An export file as a stream of bytes, however it arrives (a file, an upload):
 * unpacked when gzipped, counted for progress, split into lines. Nothing here
 * holds more than a chunk and one line at a time.
 */
import { pipeline, Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { DomainError } from '../errors.ts'

export type Bytes = AsyncIterable<Uint8Array>

/** Real Disqus, Remark42 and Commento exports arrive gzipped: the first two bytes say so (1f 8b), whatever the file is called. */
export async function* gunzipIfNeeded(chunks: Bytes): AsyncGenerator<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]()
  let head = Buffer.alloc(0)
  let done = false
  while (head.length < 2 && !done) {
    const next = await it.next()
    if (next.done) done = true
    else head = Buffer.concat([head, next.value])
  }
  async function* all() {
    if (head.length) yield head
    if (done) return
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value
  }
  if (head[0] !== 0x1f || head[1] !== 0x8b) return yield* all()
  const gunzip = createGunzip()
  pipeline(Readable.from(all()), gunzip, () => {})
  try {
    for await (const chunk of gunzip) yield chunk as Buffer
  } catch (error) {
    throw new DomainError('invalid_input', `The file looks gzipped but does not unpack: ${(error as Error).message}`, { file: 'invalid' })
  }
}

/** Passes the bytes on, telling `onBytes` how many have gone by. */
export async function* countBytes(chunks: Bytes, onBytes: (total: number) => void): AsyncGenerator<Uint8Array> {
  let total = 0
  for await (const chunk of chunks) {
    total += chunk.length
    onBytes(total)
    yield chunk
  }
}

/** A longer line is not an export line: refuse it rather than buffer it. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024

/** UTF-8 lines, numbered from 1, without their line ends (and without a byte-order mark). */
export async function* readLines(chunks: Bytes): AsyncGenerator<{ text: string; line: number }> {
  const decoder = new TextDecoder('utf-8')
  let pending = ''
  let line = 0
  for await (const chunk of chunks) {
    pending += decoder.decode(chunk, { stream: true })
    let start = 0
    for (let end = pending.indexOf('\n'); end >= 0; end = pending.indexOf('\n', start)) {
      line++
      yield { text: strip(pending.slice(start, end), line), line }
      start = end + 1
    }
    pending = pending.slice(start)
    if (pending.length > MAX_LINE_CHARS) {
      throw new DomainError('invalid_input', `Line ${line + 1} is longer than ${MAX_LINE_CHARS} characters.`, { line: String(line + 1) })
    }
  }
  pending += decoder.decode()
  if (pending.length) yield { text: strip(pending, line + 1), line: line + 1 }
}

function strip(text: string, line: number) {
  const t = text.endsWith('\r') ? text.slice(0, -1) : text
  return line === 1 && t.startsWith('\uFEFF') ? t.slice(1) : t
}

/** The whole file as text, for formats that are one JSON document (Commento); refused past `maxBytes`. */
export async function readText(chunks: Bytes, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = []
  let size = 0
  for await (const chunk of chunks) {
    size += chunk.length
    if (size > maxBytes) throw new DomainError('payload_too_large', `The file is over ${maxBytes} bytes unpacked.`)
    parts.push(chunk)
  }
  return Buffer.concat(parts)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
}

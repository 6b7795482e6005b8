/** The parser for each source, over the file's bytes (gunzipped first when they are gzip). */
import { createWriteStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ImportSource } from '../../../shared/values.ts'
import { DomainError } from '../errors.ts'
import { parseCommento } from './parse-commento.ts'
import { parseDisqus } from './parse-disqus.ts'
import { parseInkind } from './parse-inkind.ts'
import { parseIsso } from './parse-isso.ts'
import { parseRemark42 } from './parse-remark42.ts'
import { parseWordpress } from './parse-wordpress.ts'
import { type Bytes, gunzipIfNeeded } from './read-bytes.ts'
import type { ImportRecord } from './records.ts'

const SQLITE_MAGIC = 'SQLite format 3\0'

export async function* readSource(source: ImportSource, bytes: Bytes): AsyncGenerator<ImportRecord> {
  const unpacked = gunzipIfNeeded(bytes)
  if (source === 'disqus') yield* parseDisqus(unpacked)
  else if (source === 'wordpress') yield* parseWordpress(unpacked)
  else if (source === 'remark42') yield* parseRemark42(unpacked)
  else if (source === 'commento') yield* parseCommento(unpacked)
  else if (source === 'inkind') yield* parseInkind(unpacked)
  else yield* readIsso(unpacked)
}

/** SQLite reads files, not streams: the upload (or the owner's file) is copied to a private temporary file, removed after. */
async function* readIsso(bytes: Bytes): AsyncGenerator<ImportRecord> {
  const dir = await mkdtemp(join(tmpdir(), 'inkind-isso-'))
  try {
    const file = join(dir, 'isso.db')
    await pipeline(Readable.from(bytes), createWriteStream(file, { mode: 0o600 }))
    const head = Buffer.alloc(16)
    const fd = await open(file)
    await fd.read(head, 0, 16, 0).finally(() => fd.close())
    if (head.toString('latin1') !== SQLITE_MAGIC) {
      throw new DomainError('invalid_input', 'This is not an Isso database: it is not an SQLite file.', { file: 'format' })
    }
    yield* parseIsso(file)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { composeEn } from './compose-strings.ts'
import { readerEn } from './reader-strings.ts'
import { en, LANGS } from './strings.ts'

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort()

function shape(value: unknown, path = ''): [string, string[]][] {
  if (typeof value === 'string') return [[path, placeholders(value)]]
  if (Array.isArray(value)) return value.flatMap((v, i) => shape(v, `${path}[${i}]`))
  return Object.entries(value as object).flatMap(([k, v]) => shape(v, path ? `${path}.${k}` : k))
}

describe.each(LANGS)('the %s strings', (lang) => {
  const raw = readFileSync(join(import.meta.dirname, 'i18n', `${lang}.json`), 'utf8')
  const strings = JSON.parse(raw)

  it('have every English key, no other, and the same placeholders', () => {
    expect(shape(strings).sort()).toEqual(shape({ ...en, ...composeEn, ...readerEn }).sort())
  })

  // One file of every word (the list, the form, editing, a reader's data), fetched once, only by a page in that language.
  it('stay within 1.5 KB gzip as served (minified)', () => {
    const size = gzipSync(JSON.stringify(strings), { level: 9 }).length
    console.log(`${lang}.json: ${size} bytes gzip`)
    expect(size).toBeLessThanOrEqual(1536)
  })
})

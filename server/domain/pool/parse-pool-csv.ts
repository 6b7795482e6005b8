import { parse } from 'csv-parse/sync'
import { DomainError } from '../errors.ts'

/** Column names a shop's export uses for its codes (Shopify's bulk-code export says "Code"). */
const CODE_HEADER = /^(discount[ _-]?)?codes?$|^coupon([ _-]?codes?)?$|^redeem[ _-]?code$/i
const VALID = /^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/

export interface ParsedPool {
  codes: string[]
  blank: number
  duplicates: number
}

/**
 * The codes in a CSV from the owner's shop: a Shopify bulk discount export (the
 * "Code" column is used), or a plain file of one code per line, with or without
 * a header. Blank lines and repeats are skipped and counted; any malformed code
 * fails the whole file, naming its line, so nothing is half-imported.
 */
export function parsePoolCsv(text: string): ParsedPool {
  const options = { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false, relax_quotes: true } as const
  let rows: string[]
  let headerColumn: number
  try {
    const header = (parse(text.slice(0, text.indexOf('\n') + 1 || undefined), options) as string[][])[0] ?? []
    headerColumn = header.findIndex((cell) => CODE_HEADER.test(cell))
    const column = Math.max(headerColumn, 0)
    // Only the code column of each row is kept: a 100,000-row export costs one string a row.
    rows = parse(text, { ...options, on_record: (record: string[]) => record[column] ?? '' } as never) as unknown as string[]
  } catch (error) {
    throw new DomainError('invalid_input', `The file is not valid CSV: ${(error as Error).message}`, { file: 'invalid_csv' })
  }
  const seen = new Set<string>()
  const codes: string[] = []
  const bad: Record<string, string> = {}
  let blank = 0
  let duplicates = 0
  for (const [i, row] of rows.entries()) {
    if (i === 0 && headerColumn >= 0) continue
    const code = row.trim()
    if (!code) {
      blank++
      continue
    }
    if (!VALID.test(code)) {
      if (Object.keys(bad).length < 20) bad[`line ${i + 1}`] = 'invalid_code'
      continue
    }
    const key = code.toUpperCase()
    if (seen.has(key)) {
      duplicates++
      continue
    }
    seen.add(key)
    codes.push(code)
  }
  if (Object.keys(bad).length) {
    throw new DomainError('invalid_input', 'Some lines do not hold a code (letters, digits, - and _, 3 to 64 characters). Nothing was imported.', bad)
  }
  if (codes.length === 0) throw new DomainError('invalid_input', 'The file holds no codes.', { file: 'empty' })
  return { codes, blank, duplicates }
}

/** The size budget of the embed, on the built file (npm test builds it first). */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { expect, it } from 'vitest'
import { ROOT } from './helpers/test-app.ts'

const BUDGET = 10 * 1000

it(`widget.js (JS + CSS) stays within ${BUDGET} bytes gzip`, () => {
  const file = readFileSync(join(ROOT, 'dist/widget.js'))
  const gzip = gzipSync(file, { level: 9 }).length
  console.log(`widget.js: ${file.length} bytes, ${gzip} bytes gzip (budget ${BUDGET})`)
  expect(gzip).toBeLessThanOrEqual(BUDGET)
  // One IIFE: no module syntax left for the host page to trip over.
  expect(/^\s*(import|export)\b/m.test(file.toString())).toBe(false)
})

// The form, the offer, posting and the reward card: what a page with the form needs, loaded once the comments are on screen.
it('widget-compose.js (loaded on demand) stays within 3.5 KB gzip and brings no Preact of its own', () => {
  const file = readFileSync(join(ROOT, 'dist/widget-compose.js'))
  const gzip = gzipSync(file, { level: 9 }).length
  console.log(`widget-compose.js: ${file.length} bytes, ${gzip} bytes gzip (budget 3584)`)
  expect(gzip).toBeLessThanOrEqual(3584)
  expect(file.toString()).toContain('Inkind._p')
  expect(file.toString()).not.toContain('__k')
})

// Editing one's comment and asking for one's data: what only some readers ever need, loaded when asked for.
it('widget-reader.js (loaded on demand) stays within 2 KB gzip and brings no Preact of its own', () => {
  const file = readFileSync(join(ROOT, 'dist/widget-reader.js'))
  const gzip = gzipSync(file, { level: 9 }).length
  console.log(`widget-reader.js: ${file.length} bytes, ${gzip} bytes gzip (budget 2048)`)
  expect(gzip).toBeLessThanOrEqual(2048)
  expect(file.toString()).toContain('Inkind._p')
  expect(file.toString()).not.toContain('__k')
})

it('never renders user content as an HTML string', () => {
  const dir = join(ROOT, 'widget')
  for (const name of readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.includes('.test.'))) {
    const source = readFileSync(join(dir, name), 'utf8')
    expect(/innerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write/.test(source), name).toBe(false)
  }
})

it('count.js stays within 1 KB gzip and carries no framework', () => {
  const file = readFileSync(join(ROOT, 'dist/count.js'))
  const gzip = gzipSync(file, { level: 9 }).length
  console.log(`count.js: ${file.length} bytes, ${gzip} bytes gzip (budget 1024)`)
  expect(gzip).toBeLessThanOrEqual(1024)
  expect(file.toString()).not.toContain('__k')
})

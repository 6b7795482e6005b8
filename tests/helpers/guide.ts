/**
 * The guides in docs/platforms/ and the tests share their snippets: a test
 * pastes the guide's own snippet (the fenced block after `<!-- snippet: name -->`),
 * so what an owner copies is what was tested. The guides' screenshots are
 * taken by the same tests.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { ARTIFACTS } from './browser.ts'
import { ROOT } from './test-app.ts'

/** The Inkind server the guides' snippets name. */
export const GUIDE_SERVER = 'https://comments.example.com'
export const DOCS = join(ROOT, 'docs/platforms')

export function guideSnippet(guide: string, name: string, inkindUrl: string): string {
  const text = readFileSync(join(DOCS, `${guide}.md`), 'utf8')
  const block = text.match(new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``))
  if (!block) throw new Error(`docs/platforms/${guide}.md has no snippet "${name}"`)
  return block[1]!.replaceAll(GUIDE_SERVER, inkindUrl)
}

/**
 * A screenshot for a guide: always in test-results/platforms/, and into
 * docs/platforms/ when UPDATE_DOCS=1 (so a test run leaves the tree clean).
 */
export async function guideScreenshot(target: Page | Locator, name: string, opts: { fullPage?: boolean } = {}) {
  const dirs = [join(ARTIFACTS, 'platforms'), ...(process.env.UPDATE_DOCS === '1' ? [DOCS] : [])]
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true })
    await target.screenshot({ path: join(dir, `${name}.png`), ...opts })
  }
}

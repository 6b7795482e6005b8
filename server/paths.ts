/**
 * Where the project's files are, whether the server runs from its TypeScript
 * sources (tsx, tests) or from the compiled build in dist/node: the root is the
 * nearest folder above this file that holds the project's package.json.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir
    if (dirname(dir) === dir) throw new Error(`No Inkind project above ${from}`)
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))

export const PATHS = {
  root: ROOT,
  migrations: join(ROOT, 'server/db/migrations'),
  /** What `npm run build` writes: widget.js, count.js, admin/, node/ (the compiled server). */
  dist: join(ROOT, 'dist'),
  demo: join(ROOT, 'server/demo'),
  /** The hosted embed's script and the builders' site-wide snippet (platform.js), served as written. */
  embed: join(ROOT, 'server/embed'),
  i18n: join(ROOT, 'widget/i18n'),
}

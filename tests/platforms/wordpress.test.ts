/**
 * The WordPress plugin on a real WordPress (Debian's 6.1 package, MariaDB,
 * PHP's built-in server), installed by tests/platforms/wordpress/setup.sh:
 * the owner uploads dist/inkind-wordpress.zip in wp-admin, activates it and
 * sets it up; readers comment on posts and get codes under a block theme and,
 * after the owner switches themes, a classic one; the home page shows the
 * counts; WordPress's own form is gone; deleting the plugin removes its
 * settings. Run by `npm run test:wordpress` (and .ci/run).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch } from '../helpers/browser.ts'
import { guideScreenshot } from '../helpers/guide.ts'
import { freePort, OWNER, type RunningServer, startServer } from '../helpers/server.ts'
import { addSiteWithCli } from '../helpers/site.ts'
import { ROOT } from '../helpers/test-app.ts'
import { writeComment } from '../helpers/widget.ts'

const run = promisify(execFile)
const SCRIPTS = join(ROOT, 'tests/platforms/wordpress')
const PLUGIN = join(ROOT, 'integrations/wordpress/inkind')
const ZIP = join(ROOT, 'dist/inkind-wordpress.zip')

let inkind: RunningServer
let browser: Browser
let owner: BrowserContext
let admin: Page
let dir: string
let wp: string
let wpPort: number
/** The posts' permalinks' paths, e.g. /2026/11/giving-first/. */
const paths: Record<string, string> = {}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inkind-wordpress-'))
  wpPort = await freePort()
  wp = `http://127.0.0.1:${wpPort}`
  const started = Date.now()
  const [setup, server, chromium] = await Promise.all([
    run('bash', [join(SCRIPTS, 'setup.sh'), dir, String(wpPort)], { maxBuffer: 1 << 24 }),
    startServer({ ...OWNER }),
    launch(),
    run(process.execPath, [join(ROOT, 'integrations/wordpress/package.mjs')]),
  ])
  console.log(`${setup.stderr.trim()}\nWordPress ready in ${Date.now() - started} ms`)
  inkind = server
  browser = chromium
  // The owner's Inkind site for this blog, its origin allowed: the CLI, as the guide says.
  await addSiteWithCli(inkind, 'wp', [wp], 'Northwind Notes')
  for (const { url } of JSON.parse(readFileSync(join(dir, 'wp/setup.json'), 'utf8')).posts as { url: string }[]) {
    paths[url.match(/\/([a-z-]+)\/$/)![1]!] = new URL(url).pathname
  }
  owner = await browser.newContext({ viewport: { width: 1280, height: 860 } })
  admin = await owner.newPage()
  await admin.goto(`${wp}/wp-login.php`)
  await admin.locator('#user_login').fill('admin')
  await admin.locator('#user_pass').fill('admin')
  await admin.locator('#wp-submit').click()
  await admin.waitForURL(/\/wp-admin\/$/)
})

afterAll(async () => {
  await browser?.close()
  await inkind?.stop()
  if (dir) {
    await run('bash', [join(SCRIPTS, 'stop.sh'), dir]).catch((e) => console.error(e))
    rmSync(dir, { recursive: true, force: true })
  }
})

/** A reader (not logged in to WordPress) on a page, with an eye on errors. */
async function reader(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await page.goto(wp + path)
  return { page, errors }
}

async function readerComments(path: string, who: string) {
  const { page, errors } = await reader(path)
  // WordPress's own list and form are gone; the widget is in their place.
  expect(await page.locator('#commentform, .comment-form, .wp-block-post-comments-form').count()).toBe(0)
  expect(await page.getByText('A comment left in WordPress').count()).toBe(0)
  await page.locator('#inkind').scrollIntoViewIfNeeded()
  await page.waitForSelector('#inkind[data-inkind-loaded]')
  await writeComment(page, { name: who, email: `${who.toLowerCase().replace(' ', '.')}@gmail.com`, body: `${who} was here, on a real WordPress.` })
  const code = (await page.locator('#inkind .reward code').textContent())!
  expect(code).toMatch(/^[0-9A-Z]{12}$/)
  expect(errors).toEqual([])
  return page
}

async function homeCounts(): Promise<Record<string, string>> {
  const { page, errors } = await reader('/')
  const slugs = Object.keys(paths)
  await expect.poll(() => page.locator(`[data-inkind-count="${paths[slugs[0]!]}"]`).textContent()).toMatch(/\d/)
  const counts: Record<string, string> = {}
  for (const slug of slugs) counts[slug] = (await page.locator(`[data-inkind-count="${paths[slug]}"]`).first().textContent())!
  expect(errors).toEqual([])
  await page.close()
  return counts
}

describe('the Inkind plugin on a real WordPress', () => {
  it('is valid PHP, and packs into a zip of one folder', async () => {
    for (const file of readdirSync(PLUGIN).filter((f) => f.endsWith('.php'))) {
      const { stdout } = await run('php', ['-l', join(PLUGIN, file)])
      expect(stdout).toContain('No syntax errors')
    }
    const listing = (
      await run('php', ['-r', `$z = new ZipArchive; $z->open('${ZIP}'); for ($i = 0; $i < $z->numFiles; $i++) echo $z->getNameIndex($i), "\n";`])
    ).stdout
    expect(listing.trim().split('\n').sort()).toEqual(['inkind/comments.php', 'inkind/inkind.php', 'inkind/readme.txt', 'inkind/uninstall.php'])
  })

  it('installs from its zip in wp-admin, and its settings page takes the server and the site id', async () => {
    await admin.goto(`${wp}/wp-admin/plugin-install.php?tab=upload`)
    await admin.locator('#pluginzip').setInputFiles(ZIP)
    await admin.locator('#install-plugin-submit').click()
    await admin.getByText('Plugin installed successfully.').waitFor()
    await admin.getByRole('link', { name: 'Activate Plugin' }).click()
    await admin.getByText('Plugin activated.').waitFor()
    // The plugin's row on the Plugins page links to its settings.
    await admin.locator('tr[data-slug="inkind"]').getByRole('link', { name: 'Settings' }).click()
    await admin.waitForURL(/options-general\.php\?page=inkind/)

    await admin.getByLabel('Inkind server').fill(`${inkind.url}/`)
    await admin.getByLabel('Site id').fill(' WP ')
    await admin.getByRole('button', { name: 'Save Changes' }).click()
    await admin.getByText('Settings saved.').waitFor()
    // Sanitized as saved: no trailing slash, a key.
    expect(await admin.getByLabel('Inkind server').inputValue()).toBe(inkind.url)
    expect(await admin.getByLabel('Site id').inputValue()).toBe('wp')

    // The help tells how to bring the existing comments: WordPress's export, Inkind's import.
    await admin.locator('#contextual-help-link').click()
    const help = admin.locator('#tab-panel-inkind-import')
    await help.waitFor()
    expect(await help.getByRole('link', { name: 'Tools → Export' }).getAttribute('href')).toBe(`${wp}/wp-admin/export.php`)
    expect(await help.getByRole('link', { name: 'import page' }).getAttribute('href')).toBe(`${inkind.url}/admin/import`)
    // The help panel slides open (jQuery, a few hundred ms): wait until its height settles.
    const height = () => admin.locator('#contextual-help-wrap').evaluate((e) => e.getBoundingClientRect().height)
    let last = -1
    await expect
      .poll(async () => {
        const now = await height()
        const settled = now > 0 && now === last
        last = now
        return settled
      })
      .toBe(true)
    await guideScreenshot(admin, 'wordpress-settings')
  })

  it('refuses the settings form without its nonce', async () => {
    const res = await owner.request.post(`${wp}/wp-admin/options.php`, {
      form: { option_page: 'inkind', action: 'update', inkind_url: 'https://evil.example', inkind_site: 'evil' },
      maxRedirects: 0,
      failOnStatusCode: false,
    })
    expect(res.status()).toBeGreaterThanOrEqual(400)
    await admin.goto(`${wp}/wp-admin/options-general.php?page=inkind`)
    expect(await admin.getByLabel('Site id').inputValue()).toBe('wp')
  })

  it('puts the widget in place of a block theme’s comments, on the permalink’s thread, and a reader gets a code', async () => {
    const { page } = await reader(paths['giving-first']!)
    const tag = page.locator('script[src$="/widget.js"]')
    expect(await tag.getAttribute('data-site')).toBe('wp')
    expect(await tag.getAttribute('data-thread')).toBe(paths['giving-first'])
    expect(await tag.getAttribute('data-title')).toBe('Giving first')
    expect(await tag.getAttribute('async')).not.toBeNull()
    await page.close()
    const post = await readerComments(paths['giving-first']!, 'Block Reader')
    await guideScreenshot(post, 'wordpress-post', { fullPage: true })
    await post.close()
  })

  it('shows the posts’ counts on the home page', async () => {
    expect(await homeCounts()).toEqual({ 'giving-first': '1 comment', 'asking-well': '0 comments' })
    const { page } = await reader('/')
    await page.locator(`[data-inkind-count="${paths['giving-first']}"]`).filter({ hasText: '1 comment' }).waitFor()
    await guideScreenshot(page, 'wordpress-home')
    await page.close()
  })

  it('keeps working when the owner switches to a classic theme', async () => {
    await admin.goto(`${wp}/wp-admin/themes.php`)
    await admin.locator('.theme[data-slug="twentytwentyone"] a.activate').click({ force: true })
    await admin.getByText('New theme activated.').waitFor()
    const post = await readerComments(paths['asking-well']!, 'Classic Reader')
    await post.close()
    // The first post's comment is still there, under the new theme.
    const { page } = await reader(paths['giving-first']!)
    await page.locator('#inkind').scrollIntoViewIfNeeded()
    await page.waitForSelector('#inkind[data-inkind-loaded]')
    expect(await page.locator('#inkind').getByText('Block Reader was here').count()).toBe(1)
    await guideScreenshot(page, 'wordpress-post-classic', { fullPage: true })
    await page.close()
    expect(await homeCounts()).toEqual({ 'giving-first': '1 comment', 'asking-well': '1 comment' })
  })

  it('closes the way around the hidden form: a direct post to wp-comments-post.php', async () => {
    const id = JSON.parse(readFileSync(join(dir, 'wp/setup.json'), 'utf8')).posts[0].id
    const res = await fetch(`${wp}/wp-comments-post.php`, {
      method: 'POST',
      body: new URLSearchParams({ comment_post_ID: String(id), author: 'Bot', email: 'bot@gmail.com', comment: 'Around the widget' }),
      redirect: 'manual',
    })
    expect(res.status).toBe(403)
  })

  it('left no PHP error of its own in WordPress’s debug log', () => {
    const log = (() => {
      try {
        return readFileSync(join(dir, 'wp/debug.log'), 'utf8')
      } catch {
        return ''
      }
    })()
    expect(log.split('\n').filter((line) => /inkind/i.test(line))).toEqual([])
  })

  it('removes its settings when the owner deletes it', async () => {
    await admin.goto(`${wp}/wp-admin/plugins.php`)
    await admin.getByRole('link', { name: 'Deactivate Inkind' }).click()
    await admin.getByText('Plugin deactivated.').waitFor()
    admin.once('dialog', (d) => d.accept())
    await admin.getByRole('link', { name: 'Delete Inkind' }).click()
    await admin.getByText('Inkind was successfully deleted.').waitFor()
    const { stdout } = await run('php', [join(SCRIPTS, 'wp-option.php'), 'inkind_url', 'inkind_site', 'inkind_counts'], {
      env: { ...process.env, WORDPRESS_CONFIG: `inkind-${wpPort}`, WP_HOSTPORT: `127.0.0.1:${wpPort}` },
    })
    expect(JSON.parse(stdout)).toEqual({ inkind_url: null, inkind_site: null, inkind_counts: null })
  })
})

/**
 * The moderation queue as an owner uses it, in real Chromium against the real
 * server: approving a page of held comments at once and undoing it (with the
 * mouse, then the keyboard), and closing a post, which the widget on the blog
 * then says.
 */
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ARTIFACTS, launch } from '../helpers/browser.ts'
import { adminSession, OWNER, postDemoComment, type RunningServer, startServer } from '../helpers/server.ts'

let server: RunningServer
let browser: Browser
let admin: Awaited<ReturnType<typeof adminSession>>

beforeAll(async () => {
  ;[server, browser] = await Promise.all([startServer(OWNER), launch()])
  admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  // This server sends no email, so nothing is held site-wide: a block that holds does it for these readers.
  await admin('POST', '/sites/demo/blocks', { kind: 'domain', value: 'held.example', action: 'hold' })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

async function adminPage(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`))
  await page.goto(`${server.url}/admin`)
  await page.getByLabel('Email').fill(OWNER.INKIND_ADMIN_EMAIL)
  await page.getByLabel('Password').fill(OWNER.INKIND_ADMIN_PASSWORD)
  await page.getByRole('button', { name: 'Log in' }).click()
  // The admin opens on its start page.
  await page.waitForSelector('#start-title')
  await page.goto(`${server.url}${path}`)
  return { page, errors }
}

type Item = { id: number; status: string; reward: { status: string; code: string | null } | null }
const comments = async (ids: number[]) => Promise.all(ids.map(async (id) => (await admin<{ items: Item[] }>('GET', `/comments?id=${id}`)).items[0]!))

async function hold(names: string[]) {
  const ids: number[] = []
  for (const name of names) {
    const r = await postDemoComment(server.url, '/blog/reciprocity', {
      authorName: name,
      email: `${name.toLowerCase()}@held.example`,
      body: `${name} thinks giving first works.`,
    })
    expect(r.body.reward).toEqual({ status: 'pending', reason: 'approval' })
    ids.push(r.body.comment.id)
  }
  return ids
}

describe('the moderation queue', () => {
  it('approves every held comment on the page in one go, and Undo puts them back as they were', async () => {
    const ids = await hold(['Anna', 'Bert', 'Cleo'])
    const { page, errors } = await adminPage('/admin/comments')
    const queue = page.locator('.queue article')
    await expect.poll(() => queue.count()).toBe(3)
    await page.getByLabel('Select all on this page').check()
    await expect.poll(() => page.getByText('3 selected').isVisible()).toBe(true)
    await page.screenshot({ path: join(ARTIFACTS, 'admin-bulk-selected.png') })
    await page.getByRole('toolbar', { name: 'Selected comments' }).getByRole('button', { name: 'Approve 3' }).click()

    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^3 comments approved\. Reward issued: /)
    await expect.poll(() => queue.count()).toBe(0)
    const approved = await comments(ids)
    expect(approved.map((c) => [c.status, c.reward?.status])).toEqual(ids.map(() => ['published', 'issued']))
    await page.screenshot({ path: join(ARTIFACTS, 'admin-bulk-approved.png') })

    await page.getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Undone: 3 comments back as they were.')
    await expect.poll(() => queue.count()).toBe(3)
    const undone = await comments(ids)
    expect(undone.map((c) => [c.status, c.reward])).toEqual(ids.map(() => ['pending', { status: 'pending', code: null }]))
    // The public thread no longer shows them.
    const thread = await (await fetch(`${server.url}/api/v1/sites/demo/threads/%2Fblog%2Freciprocity/comments`)).json()
    expect(thread.comments.filter((c: { id: number }) => ids.includes(c.id))).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('does the same from the keyboard: x selects, a approves, z undoes', async () => {
    const { page, errors } = await adminPage('/admin/comments')
    const queue = page.locator('.queue article')
    await expect.poll(() => queue.count()).toBe(3)
    const ids = (await comments((await admin<{ items: Item[] }>('GET', '/comments?site=demo')).items.map((c) => c.id))).map((c) => c.id)
    await queue.first().focus()
    await page.keyboard.press('x')
    await page.keyboard.press('j')
    await page.keyboard.press('x')
    await expect.poll(() => page.getByText('2 selected').isVisible()).toBe(true)
    await page.keyboard.press('a')
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^2 comments approved/)
    await expect.poll(() => queue.count()).toBe(1)
    expect((await comments(ids)).map((c) => c.status)).toEqual(['published', 'published', 'pending'])
    await page.keyboard.press('z')
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/^Undone: 2 comments/)
    await expect.poll(() => queue.count()).toBe(3)
    expect((await comments(ids)).map((c) => c.status)).toEqual(['pending', 'pending', 'pending'])
    expect(errors).toEqual([])
    await page.close()
  })
})

describe('closing a post', () => {
  it('from the Posts view: the widget on the blog then says comments are closed and shows no form', async () => {
    const { page, errors } = await adminPage('/admin/comments/posts')
    const row = page.locator('table.posts tr', { hasText: '/blog/reciprocity' })
    await row.getByRole('button', { name: /^Close/ }).click()
    await expect.poll(() => row.textContent()).toContain('closed since')
    await page.screenshot({ path: join(ARTIFACTS, 'admin-posts-closed.png') })
    expect(errors).toEqual([])

    const blog = await browser.newPage({ viewport: { width: 1000, height: 900 } })
    const blogErrors: string[] = []
    blog.on('pageerror', (e) => blogErrors.push(e.message))
    await blog.goto(`${server.url}/`)
    await blog.locator('#inkind').scrollIntoViewIfNeeded()
    await blog.waitForSelector('#inkind[data-inkind-loaded]')
    const w = blog.locator('#inkind')
    await expect.poll(() => w.getByText('Comments are closed.').isVisible()).toBe(true)
    expect(await w.getByRole('button', { name: 'Post comment' }).count()).toBe(0)
    expect(await w.getByRole('button', { name: 'Reply' }).count()).toBe(0)
    await w.screenshot({ path: join(ARTIFACTS, 'widget-closed.png') })
    // The API refuses a comment sent anyway, in the spec's error body.
    const refused = await postDemoComment(server.url, '/blog/reciprocity', { authorName: 'Late', email: 'late@example.com', body: 'Too late?' })
    expect(refused).toMatchObject({ status: 403, body: { error: { code: 'thread_closed' } } })

    // Reopened from the conversation's header: the form is back.
    await page.goto(`${server.url}/admin/comments?site=demo&thread=%2Fblog%2Freciprocity&status=published`)
    await page.getByRole('button', { name: 'Reopen comments' }).click()
    await page.getByRole('button', { name: 'Close comments' }).waitFor()
    await blog.reload()
    await blog.locator('#inkind').scrollIntoViewIfNeeded()
    await expect.poll(() => w.getByRole('button', { name: 'Post comment' }).count()).toBe(1)
    expect(blogErrors).toEqual([])
    expect(errors).toEqual([])
    await page.close()
    await blog.close()
  })
})

/**
 * Each spam signal on its own, at its edge, and off when the site turns it
 * off (README, "Against abuse"). None looks at what a comment says about the
 * owner: only how it arrived, its links, its address, and repeats.
 */
import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { AntiAbuse } from '../../../shared/site.ts'
import { aComment, addSite, testCtx } from '../../../tests/helpers/test-app.ts'
import { comments } from '../../db/schema.ts'
import { postComment } from '../comments/post-comment.ts'
import { getSite } from '../sites/get-site.ts'
import { isDisposableEmail } from './disposable-domains.ts'
import { bodyHash, spamSignal } from './judge-comment.ts'

async function judge(antiAbuse: Partial<AntiAbuse> = {}) {
  const t = await testCtx()
  await addSite(t.ctx, 'cpr', { antiAbuse })
  const signal = async (over: { body?: string; email?: string; website?: string; elapsedMs?: number }, threadKey = '/p') =>
    spamSignal(t.ctx, { site: await getSite(t.ctx, 'cpr'), threadKey, body: 'A genuine thought.', email: 'ann@example.com', elapsedMs: 30_000, ...over })
  return { ...t, signal }
}

describe('spamSignal', () => {
  it('passes an ordinary comment', async () => {
    const { signal } = await judge()
    expect(await signal({})).toBeNull()
  })

  it('honeypot: any value in the hidden field', async () => {
    const { signal } = await judge({ minSecondsOnPage: 0 })
    expect(await signal({ website: 'x' })).toBe('honeypot')
    expect(await signal({ website: '' })).toBeNull()
  })

  it('too fast: under the site’s seconds on the page, or no time at all; off at 0', async () => {
    const { signal } = await judge({ minSecondsOnPage: 3 })
    expect(await signal({ elapsedMs: 2_999 })).toBe('too-fast')
    expect(await signal({ elapsedMs: 3_000 })).toBeNull()
    expect(await signal({ elapsedMs: undefined })).toBe('too-fast')
    const off = await judge({ minSecondsOnPage: 0 })
    expect(await off.signal({ elapsedMs: 0 })).toBeNull()
    expect(await off.signal({ elapsedMs: undefined })).toBeNull()
  })

  it('too many links: more than the site allows, counting http, https and www.', async () => {
    const { signal } = await judge({ maxLinks: 2 })
    expect(await signal({ body: 'See https://a.example and www.b.example' })).toBeNull()
    expect(await signal({ body: 'See https://a.example, http://b.example and WWW.c.example' })).toBe('too-many-links')
    const none = await judge({ maxLinks: 0 })
    expect(await none.signal({ body: 'No links at all' })).toBeNull()
    expect(await none.signal({ body: 'One: https://a.example' })).toBe('too-many-links')
  })

  it('disposable email: a throwaway domain or a subdomain of a wildcard one, unless the site allows them', async () => {
    const { signal } = await judge()
    expect(await signal({ email: 'x@mailinator.com' })).toBe('disposable-email')
    expect(await signal({ email: 'x@MAILINATOR.com.' })).toBe('disposable-email')
    const allowed = await judge({ blockDisposableEmail: false })
    expect(await allowed.signal({ email: 'x@mailinator.com' })).toBeNull()
  })

  it('duplicate: the same text, folded, in the same thread; not in another thread, not a deleted one, not when off', async () => {
    const { signal, ctx } = await judge()
    const site = await getSite(ctx, 'cpr')
    const { comment } = await postComment(ctx, { site, threadKey: '/p', comment: aComment({ body: 'Great post!!' }) as never, ip: '192.0.2.1' })
    expect(await signal({ body: 'great   POST' })).toBe('duplicate')
    expect(await signal({ body: 'Great post, really' })).toBeNull()
    expect(await signal({ body: 'Great post!!' }, '/other')).toBeNull()
    await ctx.db.update(comments).set({ status: 'deleted' }).where(eq(comments.id, comment.id))
    expect(await signal({ body: 'Great post!!' })).toBeNull()
    const off = await judge({ blockDuplicates: false })
    await postComment(off.ctx, { site: await getSite(off.ctx, 'cpr'), threadKey: '/p', comment: aComment({ body: 'Great post!!' }) as never, ip: '192.0.2.1' })
    expect(await off.signal({ body: 'Great post!!' })).toBeNull()
  })

  it('names the first signal, in order: honeypot, too fast, links, disposable email', async () => {
    const { signal } = await judge({ minSecondsOnPage: 3, maxLinks: 0 })
    const all = { website: 'x', elapsedMs: 0, body: 'https://a.example', email: 'x@mailinator.com' }
    expect(await signal(all)).toBe('honeypot')
    expect(await signal({ ...all, website: undefined })).toBe('too-fast')
    expect(await signal({ ...all, website: undefined, elapsedMs: 5_000 })).toBe('too-many-links')
    expect(await signal({ ...all, website: undefined, elapsedMs: 5_000, body: 'none' })).toBe('disposable-email')
  })
})

describe('bodyHash', () => {
  it('folds case, spacing and punctuation, and nothing else', () => {
    expect(bodyHash('Great post!!')).toBe(bodyHash('  great\n\tPOST  '))
    expect(bodyHash('Great, post.')).toBe(bodyHash('great post'))
    expect(bodyHash('Great post')).not.toBe(bodyHash('Great posts'))
    expect(bodyHash('Great post')).not.toBe(bodyHash('Greatpost'))
    expect(bodyHash('Great post')).toMatch(/^[0-9a-f]{32}$/)
  })
})

describe('isDisposableEmail', () => {
  it('knows the list’s domains, any subdomain of its wildcard domains, and not the rest', () => {
    expect(isDisposableEmail('a@mailinator.com')).toBe(true)
    expect(isDisposableEmail(' A@Mailinator.COM ')).toBe(true)
    expect(isDisposableEmail('a@mailinator.com.')).toBe(true)
    expect(isDisposableEmail('a@anything.33m.co')).toBe(true)
    expect(isDisposableEmail('a@deep.anything.33m.co')).toBe(true)
    expect(isDisposableEmail('a@gmail.com')).toBe(false)
    expect(isDisposableEmail('a@example.com')).toBe(false)
    expect(isDisposableEmail('a@mail.example.org')).toBe(false)
    // Only a subdomain of a wildcard domain: a domain that merely ends the same is another domain.
    expect(isDisposableEmail('a@not33m.co')).toBe(false)
    // A wildcard entry names its subdomains (anonaddy.com's per-user aliases), not the domain itself.
    expect(isDisposableEmail('a@someone.anonaddy.com')).toBe(true)
    expect(isDisposableEmail('a@anonaddy.com')).toBe(false)
  })
})

/** The public API a widget and an index page call: /api/v1/sites/:site/… */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { CountsQuery, ListCommentsQuery, PostCommentBody, ThreadKey, type CountsAnswer } from '../../shared/comments.ts'
import { LIMITS } from '../../shared/limits.ts'
import { countComments } from '../domain/comments/count-comments.ts'
import { findThread } from '../domain/comments/find-thread.ts'
import { listComments } from '../domain/comments/list-comments.ts'
import { postComment } from '../domain/comments/post-comment.ts'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { siteConfig } from '../domain/sites/site-config.ts'
import { clientIp } from './client-ip.ts'
import type { ListCache } from './list-cache.ts'
import { siteAccess, type SiteEnv } from './site-access.ts'
import { threadFragment } from './thread-fragment.ts'
import { readJson, readParam, readQuery } from './validate.ts'

/** Shared caches (a CDN) may serve a read this long, then revalidate in the background. */
const PUBLIC_CACHE = 'public, max-age=0, s-maxage=10, stale-while-revalidate=60'

export function publicApi(ctx: Ctx, opts: { publicUrl: string; trustProxy: boolean; lists: ListCache }) {
  const { lists } = opts
  const api = new Hono<SiteEnv>()
  api.use('/:site/*', siteAccess(ctx, opts.publicUrl))
  api.use(
    '*',
    bodyLimit({
      maxSize: LIMITS.requestBytes,
      onError: () => {
        throw new DomainError('payload_too_large', `The request body is over ${LIMITS.requestBytes} bytes.`)
      },
    }),
  )

  api.get('/:site/config', (c) => {
    c.header('Cache-Control', PUBLIC_CACHE)
    return c.json(siteConfig(c.get('site')))
  })

  api.get('/:site/threads/:thread/comments', async (c) => {
    const key = readParam(c, 'thread', ThreadKey)
    const page = readQuery(c, ListCommentsQuery)
    const site = c.get('site')
    const pageKey = `${page.cursor ?? 0}/${page.limit}`
    c.header('Cache-Control', PUBLIC_CACHE)
    let entry = lists.get(site.id, key, pageKey)
    if (!entry) {
      try {
        const thread = await findThread(ctx, site, key)
        // The thread's revision changes whenever what the public sees changes.
        const etag = `W/"t${thread.id}-r${thread.revision}-c${page.cursor ?? 0}-l${page.limit}"`
        entry = { status: 200, etag, body: JSON.stringify(await listComments(ctx, thread, page)), until: 0 }
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'thread_not_found')) throw error
        entry = { status: 404, etag: null, body: JSON.stringify({ error: { code: error.code, message: error.message } }), until: 0 }
      }
      lists.set(site.id, key, pageKey, entry)
    }
    if (entry.etag) {
      c.header('ETag', entry.etag)
      if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304)
    }
    c.header('Content-Type', 'application/json')
    return c.body(entry.body, entry.status)
  })

  api.get('/:site/threads/:thread/comments.html', async (c) => {
    const thread = await findThread(ctx, c.get('site'), readParam(c, 'thread', ThreadKey))
    c.header('Cache-Control', PUBLIC_CACHE)
    return c.html(threadFragment(await listComments(ctx, thread, readQuery(c, ListCommentsQuery))))
  })

  api.post('/:site/threads/:thread/comments', async (c) => {
    const threadKey = readParam(c, 'thread', ThreadKey)
    const comment = await readJson(c, PostCommentBody)
    c.header('Cache-Control', 'no-store')
    const answer = await postComment(ctx, { site: c.get('site'), threadKey, comment, ip: clientIp(c, opts.trustProxy) })
    lists.forget(c.get('site').id, threadKey)
    return c.json(answer, 201)
  })

  api.get('/:site/counts', async (c) => {
    const { threads } = readQuery(c, CountsQuery)
    c.header('Cache-Control', PUBLIC_CACHE)
    return c.json({ counts: await countComments(ctx, c.get('site'), threads) } satisfies CountsAnswer)
  })

  return api
}

/** The public API a widget and an index page call: /api/v1/sites/:site/… */

import type { Context } from 'hono'
import { Hono } from 'hono'
import {
  CommentParams,
  CountsAnswer,
  CountsQuery,
  DataLinkBody,
  DeleteCommentBody,
  EditCommentAnswer,
  EditCommentBody,
  ListCommentsAnswer,
  ListCommentsQuery,
  PostCommentAnswer,
  PostCommentBody,
  ResendAnswer,
  ResendBody,
  SiteParams,
  ThreadKey,
  ThreadParams,
  ThreadView,
} from '../../shared/comments.ts'
import { LIMITS } from '../../shared/limits.ts'
import { SiteConfigAnswer } from '../../shared/site.ts'
import { canonicalThreadKey } from '../../shared/thread-key.ts'
import { clientNetwork } from '../domain/abuse/client-network.ts'
import { countComments } from '../domain/comments/count-comments.ts'
import { deleteOwnComment } from '../domain/comments/delete-own-comment.ts'
import { editOwnComment } from '../domain/comments/edit-own-comment.ts'
import { findThread } from '../domain/comments/find-thread.ts'
import { listComments } from '../domain/comments/list-comments.ts'
import { postComment } from '../domain/comments/post-comment.ts'
import type { Ctx } from '../domain/context.ts'
import { DomainError } from '../domain/errors.ts'
import { requestDataLink } from '../domain/readers/request-data-link.ts'
import { resendReward } from '../domain/rewards/resend-reward.ts'
import type { Site } from '../domain/sites/get-site.ts'
import { siteConfig } from '../domain/sites/site-config.ts'
import { bodyLimit } from './body-limit.ts'
import { clientIp } from './client-ip.ts'
import type { ListCache, ListEntry } from './list-cache.ts'
import { doc } from './openapi.ts'
import { requireAllowedOrigin, type SiteEnv, siteAccess } from './site-access.ts'
import { threadFragment } from './thread-fragment.ts'
import { readJson, readParam, readQuery } from './validate.ts'

/** The thread named in the path, in its one canonical spelling. */
const threadKey = (c: Context, site: Site) => canonicalThreadKey(readParam(c, 'thread', ThreadKey), site.posts.queryParam)

/** A short, stable fingerprint of a string (FNV-1a), for an ETag. */
function hash(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193)
  return (h >>> 0).toString(36)
}

const emptyThread = (key: string): ListCommentsAnswer => ({ thread: { key, title: null, commentCount: 0, closed: false }, comments: [], nextCursor: null })

/**
 * A browser asks again every time (a 304 when nothing changed): a reader who
 * just posted, edited or deleted sees it on their next load. A shared cache (a
 * CDN) may serve a read for 10 s; CDN-Cache-Control lets one that reads it
 * also serve a stale copy while it revalidates (browsers ignore that header).
 */
const PUBLIC_CACHE = 'public, max-age=0, must-revalidate, s-maxage=10'
const CDN_CACHE = 'public, max-age=10, stale-while-revalidate=60'

export function publicApi(ctx: Ctx, opts: { publicUrl: string; trustProxy: number; lists: ListCache }) {
  const { lists } = opts

  /** A page of a thread as its JSON answer and ETag, from this process's micro-cache when it can. */
  async function pageEntry(site: Site, key: string, page: { cursor?: string; limit: number }): Promise<ListEntry> {
    const pageKey = `${page.cursor ?? 0}/${page.limit}`
    const cached = lists.get(site.id, key, pageKey)
    if (cached) return cached
    const thread = await findThread(ctx, { site, key })
    // A post nobody has commented on yet: an empty thread, not an error.
    if (!thread) return { etag: 'W/"t0"', body: JSON.stringify(emptyThread(key)) }
    // The thread's revision changes whenever what the public sees changes.
    const etag = `W/"t${thread.id}-r${thread.revision}-c${page.cursor ?? 0}-l${page.limit}"`
    const list = await listComments(ctx, { thread, page })
    const entry = { etag, body: JSON.stringify(list satisfies ListCommentsAnswer) }
    // A cursor past the end names no page anyone was given: not worth a cache entry.
    if (!page.cursor || list.comments.length) lists.set(site.id, key, pageKey, entry)
    return entry
  }

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

  api.get(
    '/:site/config',
    doc({
      id: 'getSiteConfig',
      tag: 'Comments',
      summary: 'The widget’s settings of a site',
      description: 'The site’s name and locale, its moderation mode and the reward it offers.',
      auth: 'public',
      params: SiteParams,
      ok: { description: 'The public settings.', schema: SiteConfigAnswer },
      errors: ['site_not_found'],
    }),
    (c) => {
      requireAllowedOrigin(c)
      c.header('Cache-Control', PUBLIC_CACHE)
      c.header('CDN-Cache-Control', CDN_CACHE)
      return c.json(siteConfig(c.get('site'), ctx) satisfies SiteConfigAnswer)
    },
  )

  api.get(
    '/:site/threads/:thread/comments',
    doc({
      id: 'getThreadComments',
      tag: 'Comments',
      summary: 'A page of a thread’s comments',
      description:
        'Published comments, oldest first, each with its replies; keyset pages of top-level comments. A post nobody commented on yet is an empty thread. Answers carry an `ETag`; send it back as `If-None-Match` for a `304`.',
      auth: 'public',
      params: ThreadParams,
      query: ListCommentsQuery,
      ok: { description: 'One page of the thread.', schema: ListCommentsAnswer },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const site = c.get('site')
      const entry = await pageEntry(site, threadKey(c, site), readQuery(c, ListCommentsQuery))
      c.header('Cache-Control', PUBLIC_CACHE)
      c.header('CDN-Cache-Control', CDN_CACHE)
      c.header('ETag', entry.etag)
      if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304)
      c.header('Content-Type', 'application/json')
      return c.body(entry.body, 200)
    },
  )

  // What a widget's first paint needs, in one request: the site's settings and the thread's first page.
  api.get(
    '/:site/threads/:thread',
    doc({
      id: 'getThreadView',
      tag: 'Comments',
      summary: 'The site’s widget settings and a thread’s first page, in one request',
      description:
        'What the widget loads first. From a page whose origin the site does not allow, answers a readable `403 origin_not_allowed` that names the origin, so the page can say what to fix.',
      auth: 'public',
      params: ThreadParams,
      query: ListCommentsQuery,
      ok: { description: 'Settings and one page of the thread.', schema: ThreadView },
      errors: ['site_not_found', 'origin_not_allowed'],
    }),
    async (c) => {
      requireAllowedOrigin(c)
      const site = c.get('site')
      const entry = await pageEntry(site, threadKey(c, site), readQuery(c, ListCommentsQuery))
      const config = JSON.stringify(siteConfig(site, ctx) satisfies SiteConfigAnswer)
      const etag = `${entry.etag.slice(0, -1)}-s${hash(config)}"`
      c.header('Cache-Control', PUBLIC_CACHE)
      c.header('CDN-Cache-Control', CDN_CACHE)
      c.header('ETag', etag)
      if (c.req.header('if-none-match') === etag) return c.body(null, 304)
      c.header('Content-Type', 'application/json')
      return c.body(`{"config":${config},"page":${entry.body}}`, 200)
    },
  )

  api.get(
    '/:site/threads/:thread/comments.html',
    doc({
      id: 'getThreadHtml',
      tag: 'Comments',
      summary: 'A thread as an HTML fragment',
      description:
        'The same page as escaped HTML with no script, for a static site’s build to include where the widget mounts (readers without JavaScript, search engines).',
      auth: 'public',
      params: ThreadParams,
      query: ListCommentsQuery,
      ok: { description: 'An HTML fragment.', type: 'text/html' },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const site = c.get('site')
      const key = threadKey(c, site)
      const thread = await findThread(ctx, { site, key })
      c.header('Cache-Control', PUBLIC_CACHE)
      c.header('CDN-Cache-Control', CDN_CACHE)
      // A fragment for a static build to include: it runs nothing and loads nothing.
      c.header('Content-Security-Policy', "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      return c.html(threadFragment(thread ? await listComments(ctx, { thread, page: readQuery(c, ListCommentsQuery) }) : emptyThread(key)))
    },
  )

  api.post(
    '/:site/threads/:thread/comments',
    doc({
      id: 'postComment',
      tag: 'Comments',
      summary: 'Post a comment, and get the reader’s reward',
      description:
        'From one of the site’s allowed origins. The first comment on a post creates its thread, once the post is known (see the site’s post rules). One reward per reader (normalized email) per site or per post. A comment caught as spam is answered like a held one.',
      auth: 'public',
      params: ThreadParams,
      body: PostCommentBody,
      ok: { status: 201, description: 'The comment, and what the reader gets.', schema: PostCommentAnswer },
      errors: ['site_not_found', 'thread_not_found', 'parent_not_found', 'origin_not_allowed', 'rate_limited'],
    }),
    async (c) => {
      const site = c.get('site')
      const key = threadKey(c, site)
      const comment = await readJson(c, PostCommentBody)
      c.header('Cache-Control', 'no-store')
      const answer = await postComment({ ...ctx, requestId: c.get('requestId') }, { site, threadKey: key, comment, ip: clientIp(c, opts.trustProxy) })
      lists.forget(site.id, key)
      return c.json(answer satisfies PostCommentAnswer, 201)
    },
  )

  api.post(
    '/:site/rewards/resend',
    doc({
      id: 'resendReward',
      tag: 'Comments',
      summary: 'Email a returning reader their code again',
      description: 'Only to the address that earned it; the answer is the same whether or not it did. Limited per client network and per reader.',
      auth: 'public',
      params: SiteParams,
      body: ResendBody,
      ok: { status: 202, description: 'Queued, if there was a code to send.', schema: ResendAnswer },
      errors: ['site_not_found', 'origin_not_allowed', 'rate_limited', 'unavailable'],
    }),
    async (c) => {
      const site = c.get('site')
      const body = await readJson(c, ResendBody)
      const threadKey = body.thread ? canonicalThreadKey(body.thread, site.posts.queryParam) : undefined
      const network = clientNetwork(clientIp(c, opts.trustProxy))
      return c.json((await resendReward(ctx, { site, email: body.email, threadKey, network })) satisfies ResendAnswer, 202)
    },
  )

  api.patch(
    '/:site/comments/:id',
    doc({
      id: 'editOwnComment',
      tag: 'Comments',
      summary: 'The author edits their comment',
      description:
        "With the `edit.token` its post answered, for 15 minutes after posting. The text meets the rules of a new comment (links, no copy of another comment in the thread); the comment shows as edited. On a site that approves comments first, an edited comment is held for approval again (`status: pending`). A reward earned is not affected. An id that is not there, or not this token's, is `comment_not_found` alike. At most 10 edits of a comment and 30 per client network an hour (`rate_limited`).",
      auth: 'public',
      params: CommentParams,
      body: EditCommentBody,
      ok: { description: 'The comment as it now reads.', schema: EditCommentAnswer },
      errors: ['site_not_found', 'origin_not_allowed', 'comment_not_found', 'edit_window_closed', 'rate_limited'],
    }),
    async (c) => {
      const site = c.get('site')
      const id = readParam(c, 'id', CommentParams.shape.id)
      const body = await readJson(c, EditCommentBody)
      c.header('Cache-Control', 'no-store')
      const network = clientNetwork(clientIp(c, opts.trustProxy))
      const { threadKey, comment } = await editOwnComment(ctx, { site, id, network, ...body })
      lists.forget(site.id, threadKey)
      return c.json({ comment } satisfies EditCommentAnswer)
    },
  )

  api.delete(
    '/:site/comments/:id',
    doc({
      id: 'deleteOwnComment',
      tag: 'Comments',
      summary: 'The author deletes their comment',
      description:
        'With the `edit.token` its post answered, for 15 minutes after posting. Its text is gone; where replies hang under it, an empty placeholder stays. A reward still pending for it is dropped; a code already shown stays valid.',
      auth: 'public',
      params: CommentParams,
      body: DeleteCommentBody,
      ok: { description: 'The comment, deleted.', schema: EditCommentAnswer },
      errors: ['site_not_found', 'origin_not_allowed', 'comment_not_found', 'edit_window_closed'],
    }),
    async (c) => {
      const site = c.get('site')
      const id = readParam(c, 'id', CommentParams.shape.id)
      const { token } = await readJson(c, DeleteCommentBody)
      c.header('Cache-Control', 'no-store')
      const { threadKey, comment } = await deleteOwnComment(ctx, { site, id, token })
      lists.forget(site.id, threadKey)
      return c.json({ comment } satisfies EditCommentAnswer)
    },
  )

  api.post(
    '/:site/readers/data-link',
    doc({
      id: 'requestDataLink',
      tag: 'Comments',
      summary: 'A reader asks for a link to their data',
      description:
        'A link to see, download and delete what the site keeps about the address goes by email to it, if the site has anything; the answer is the same either way. Limited per client network and per address.',
      auth: 'public',
      params: SiteParams,
      body: DataLinkBody,
      ok: { status: 202, description: 'Queued, if there was anything to show.', schema: ResendAnswer },
      errors: ['site_not_found', 'origin_not_allowed', 'rate_limited', 'unavailable'],
    }),
    async (c) => {
      const site = c.get('site')
      const { email } = await readJson(c, DataLinkBody)
      const network = clientNetwork(clientIp(c, opts.trustProxy))
      return c.json((await requestDataLink(ctx, { site, email, network })) satisfies ResendAnswer, 202)
    },
  )

  api.get(
    '/:site/counts',
    doc({
      id: 'getCounts',
      tag: 'Comments',
      summary: 'Comment counts for an index page',
      description: 'Published comments of up to 100 threads in one request (count.js).',
      auth: 'public',
      params: SiteParams,
      query: CountsQuery,
      ok: { description: 'Counts under the keys as asked.', schema: CountsAnswer },
      errors: ['site_not_found'],
    }),
    async (c) => {
      const { threads } = readQuery(c, CountsQuery)
      const site = c.get('site')
      c.header('Cache-Control', PUBLIC_CACHE)
      c.header('CDN-Cache-Control', CDN_CACHE)
      // Asked by the keys the page wrote, answered under the same keys.
      const keys = new Map(threads.map((t) => [t, canonicalThreadKey(t, site.posts.queryParam)]))
      const counts = await countComments(ctx, { site, keys: [...new Set(keys.values())] })
      return c.json({ counts: Object.fromEntries([...keys].map(([asked, key]) => [asked, counts[key] ?? 0])) } satisfies CountsAnswer)
    },
  )

  return api
}

/** A site's blocks and posts: whom it takes no comments from, and which posts are closed. */
import { Hono } from 'hono'
import { z } from 'zod'
import { Ok, pageOf } from '../../../shared/admin.ts'
import { SiteParams } from '../../../shared/comments.ts'
import { AdminPost, Block, BlockBody, BlocksQuery, PostStateAnswer, PostStateBody, PostsQuery } from '../../../shared/moderation.ts'
import { SiteId } from '../../../shared/site.ts'
import { addBlock } from '../../domain/blocks/add-block.ts'
import { listBlocks } from '../../domain/blocks/list-blocks.ts'
import { removeBlock } from '../../domain/blocks/remove-block.ts'
import type { Ctx } from '../../domain/context.ts'
import { setPostClosed } from '../../domain/posts/close-post.ts'
import { listPosts } from '../../domain/posts/list-posts.ts'
import type { ListCache } from '../list-cache.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor } from './auth.ts'

const BlockParams = z.object({ site: SiteId, id: z.coerce.number().int().positive() })

export function moderationRoutes(ctx: Ctx, lists: ListCache) {
  const routes = new Hono<AdminEnv>()
  routes.get(
    '/sites/:site/blocks',
    doc({
      id: 'listBlocks',
      tag: 'Admin: comments',
      summary: 'Whom a site takes no comments from',
      auth: 'session',
      params: SiteParams,
      query: BlocksQuery,
      ok: { description: 'The site’s blocks, newest first.', schema: pageOf(Block) },
      errors: ['site_not_found'],
    }),
    async (c) => c.json(await listBlocks(ctx, { siteId: readParam(c, 'site', SiteId), ...readQuery(c, BlocksQuery) })),
  )
  routes.post(
    '/sites/:site/blocks',
    doc({
      id: 'addBlock',
      tag: 'Admin: comments',
      summary: 'Block a reader: by address, domain, network, or a word',
      description:
        'A matching comment is refused (`403 blocked` to the widget) or held for a moderator, as `action` says. An address, a domain or a network can be taken from one of the reader’s comments (`commentId`). Blocking the same again changes its action. Audited.',
      auth: 'change',
      params: SiteParams,
      body: BlockBody,
      ok: { status: 201, description: 'The block.', schema: Block },
      errors: ['site_not_found', 'not_found'],
    }),
    async (c) => {
      const siteId = readParam(c, 'site', SiteId)
      const block = await readJson(c, BlockBody)
      return c.json((await addBlock(ctx, { siteId, block, actor: actor(c) })) satisfies Block, 201)
    },
  )
  routes.delete(
    '/sites/:site/blocks/:id',
    doc({
      id: 'removeBlock',
      tag: 'Admin: comments',
      summary: 'Unblock',
      auth: 'change',
      params: BlockParams,
      ok: { description: 'Removed.', schema: Ok },
      errors: ['site_not_found', 'not_found'],
    }),
    async (c) => {
      const siteId = readParam(c, 'site', SiteId)
      const id = readParam(c, 'id', BlockParams.shape.id)
      return c.json((await removeBlock(ctx, { siteId, id, actor: actor(c) })) satisfies Ok)
    },
  )
  routes.get(
    '/sites/:site/posts',
    doc({
      id: 'listPosts',
      tag: 'Admin: comments',
      summary: 'A site’s posts, with their comments, those waiting, and whether they are closed',
      auth: 'session',
      params: SiteParams,
      query: PostsQuery,
      ok: { description: 'Posts, newest first.', schema: pageOf(AdminPost) },
      errors: ['site_not_found'],
    }),
    async (c) => c.json(await listPosts(ctx, { siteId: readParam(c, 'site', SiteId), ...readQuery(c, PostsQuery) })),
  )
  for (const closed of [true, false]) {
    routes.post(
      `/sites/:site/posts/${closed ? 'close' : 'open'}`,
      doc({
        id: closed ? 'closePost' : 'openPost',
        tag: 'Admin: comments',
        summary: closed ? 'Close a post to new comments' : 'Take comments on a closed post again',
        description: closed
          ? 'Its comments stay; the widget says comments are closed and shows no form; a post answers `403 thread_closed`. A post without comments yet is listed first. Audited.'
          : 'Audited.',
        auth: 'change',
        params: SiteParams,
        body: PostStateBody,
        ok: { description: 'The post’s state.', schema: PostStateAnswer },
        errors: closed ? ['site_not_found'] : ['site_not_found', 'thread_not_found'],
      }),
      async (c) => {
        const { thread } = await readJson(c, PostStateBody)
        const { siteId, ...answer } = await setPostClosed(ctx, { siteId: readParam(c, 'site', SiteId), thread, closed, actor: actor(c) })
        lists.forget(siteId, answer.key)
        return c.json(answer satisfies PostStateAnswer)
      },
    )
  }
  return routes
}

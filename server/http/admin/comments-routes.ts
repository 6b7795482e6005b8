import { Hono } from 'hono'
import { z } from 'zod'
import { AdminCommentsQuery, MODERATION_ACTIONS } from '../../../shared/admin.ts'
import type { Ctx } from '../../domain/context.ts'
import { listCommentsForAdmin } from '../../domain/moderation/list-comments-admin.ts'
import { moderateComment } from '../../domain/moderation/moderate-comment.ts'
import type { ListCache } from '../list-cache.ts'
import { readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor } from './auth.ts'

const Id = z.coerce.number().int().positive()

export function commentsRoutes(ctx: Ctx, lists: ListCache) {
  const routes = new Hono<AdminEnv>()
  routes.get('/comments', async (c) => c.json(await listCommentsForAdmin(ctx, readQuery(c, AdminCommentsQuery))))
  for (const action of MODERATION_ACTIONS) {
    routes.post(`/comments/:id/${action}`, async (c) => {
      const { thread, ...answer } = await moderateComment(ctx, { id: readParam(c, 'id', Id), action, actor: actor(c) })
      lists.forget(thread.siteId, thread.key)
      return c.json(answer)
    })
  }
  return routes
}

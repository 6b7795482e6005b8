import { Hono } from 'hono'
import { AdminComment, AdminCommentsQuery, IdParams, ModerationAnswer, OwnerReplyAnswer, OwnerReplyBody, type Page, pageOf } from '../../../shared/admin.ts'
import { MODERATION_ACTIONS } from '../../../shared/values.ts'
import type { Ctx } from '../../domain/context.ts'
import { listCommentsForAdmin } from '../../domain/moderation/list-comments-admin.ts'
import { moderateComment } from '../../domain/moderation/moderate-comment.ts'
import { replyAsOwner } from '../../domain/moderation/reply-as-owner.ts'
import type { ListCache } from '../list-cache.ts'
import { doc } from '../openapi.ts'
import { readJson, readParam, readQuery } from '../validate.ts'
import { type AdminEnv, actor } from './auth.ts'

const WHAT: Record<(typeof MODERATION_ACTIONS)[number], string> = {
  approve: 'Approve a comment: publish it, and issue its reader’s reward if they have none yet (exactly once)',
  reject: 'Reject a comment: unpublish it; a reward still pending for it is dropped',
  spam: 'Mark a comment as spam: unpublish it; a reward still pending is dropped (an issued code stays: revoke it separately)',
  delete: 'Delete a comment: unpublish it; a reward still pending is dropped',
}

export function commentsRoutes(ctx: Ctx, lists: ListCache) {
  const routes = new Hono<AdminEnv>()
  routes.get(
    '/comments',
    doc({
      id: 'listComments',
      tag: 'Admin: comments',
      summary: 'The moderation queue and comment search, newest first',
      auth: 'session',
      query: AdminCommentsQuery,
      ok: { description: 'A page of comments.', schema: pageOf(AdminComment) },
    }),
    async (c) => c.json((await listCommentsForAdmin(ctx, readQuery(c, AdminCommentsQuery))) satisfies Page<AdminComment>),
  )
  for (const action of MODERATION_ACTIONS) {
    routes.post(
      `/comments/:id/${action}`,
      doc({
        id: `${action}Comment`,
        tag: 'Admin: comments',
        summary: WHAT[action],
        description: 'One transaction with the thread’s count and the audit row; a decision that lost a race to another moderator changes nothing.',
        auth: 'change',
        params: IdParams,
        ok: { description: 'The comment’s new status and its reader’s reward.', schema: ModerationAnswer },
        errors: ['not_found'],
      }),
      async (c) => {
        const { thread, ...answer } = await moderateComment(ctx, { id: readParam(c, 'id', IdParams.shape.id), action, actor: actor(c) })
        lists.forget(thread.siteId, thread.key)
        return c.json(answer satisfies ModerationAnswer)
      },
    )
  }
  routes.post(
    '/comments/:id/reply',
    doc({
      id: 'replyToComment',
      tag: 'Admin: comments',
      summary: 'Answer a comment as the blog’s author',
      description:
        'Published at once under the admin’s name, with the Author badge in the widget (which no reader can get, whatever name they type). Earns no reward; the comment’s author is notified if they asked to be. Audited.',
      auth: 'change',
      params: IdParams,
      body: OwnerReplyBody,
      ok: { status: 201, description: 'The reply as readers see it.', schema: OwnerReplyAnswer },
      errors: ['not_found', 'conflict'],
    }),
    async (c) => {
      const { body } = await readJson(c, OwnerReplyBody)
      const admin = { kind: 'admin' as const, id: c.get('session').user.id }
      const { thread, comment } = await replyAsOwner(ctx, { parentId: readParam(c, 'id', IdParams.shape.id), body, actor: admin })
      lists.forget(thread.siteId, thread.key)
      return c.json({ comment } satisfies OwnerReplyAnswer, 201)
    },
  )
  return routes
}

import { Hono } from 'hono'
import { AdminComment, AdminCommentsQuery, IdParams, ModerationAnswer, OwnerReplyAnswer, OwnerReplyBody, type Page, pageOf } from '../../../shared/admin.ts'
import {
  DecisionAnswer,
  DecisionBody,
  DecisionParams,
  ModeratorEditAnswer,
  ModeratorEditBody,
  RevokeCodesAnswer,
  UndoAnswer,
} from '../../../shared/moderation.ts'
import { MODERATION_ACTIONS } from '../../../shared/values.ts'
import type { Ctx } from '../../domain/context.ts'
import { editComment } from '../../domain/moderation/edit-comment.ts'
import { listCommentsForAdmin } from '../../domain/moderation/list-comments-admin.ts'
import { decideComments, moderateComment } from '../../domain/moderation/moderate-comment.ts'
import { replyAsOwner } from '../../domain/moderation/reply-as-owner.ts'
import { revokeDecisionCodes } from '../../domain/moderation/revoke-decision-codes.ts'
import { undoDecision } from '../../domain/moderation/undo-decision.ts'
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
    '/comments/decisions',
    doc({
      id: 'decideComments',
      tag: 'Admin: comments',
      summary: 'Approve, reject, mark as spam or delete many comments at once',
      description:
        'One transaction: each comment as its own action would leave it (status, count, reward, audit row). The answer’s `undo.id` undoes it all for 10 minutes; `stillValid` lists codes of comments taken down that still work at the shop.',
      auth: 'change',
      body: DecisionBody,
      ok: { description: 'What became of each comment.', schema: DecisionAnswer },
      errors: ['not_found'],
    }),
    async (c) => {
      const { ids, action } = await readJson(c, DecisionBody)
      const { threads, ...answer } = await decideComments(ctx, { ids, action, actor: actor(c) })
      for (const t of threads) lists.forget(t.siteId, t.key)
      return c.json(answer satisfies DecisionAnswer)
    },
  )
  routes.post(
    '/comments/decisions/:id/undo',
    doc({
      id: 'undoDecision',
      tag: 'Admin: comments',
      summary: 'Undo a decision on comments',
      description:
        'By the admin who made it, within 10 minutes. Each comment gets back its status and its reward as they were (a code its approval issued goes back to waiting, or is revoked if it was already sent; codes revoked with the decision are valid again). A comment changed again since is left alone.',
      auth: 'change',
      params: DecisionParams,
      ok: { description: 'How many comments were restored.', schema: UndoAnswer },
      errors: ['not_found', 'conflict'],
    }),
    async (c) => {
      const { threads, ...answer } = await undoDecision(ctx, { id: readParam(c, 'id', DecisionParams.shape.id), actor: actor(c) })
      for (const t of threads) lists.forget(t.siteId, t.key)
      return c.json(answer satisfies UndoAnswer)
    },
  )
  routes.post(
    '/comments/decisions/:id/revoke-codes',
    doc({
      id: 'revokeDecisionCodes',
      tag: 'Admin: comments',
      summary: 'Revoke the codes of comments a decision took down',
      description:
        'The codes still valid of the comments a decision rejected, marked as spam or deleted. Audited; undoing the decision makes them valid again.',
      auth: 'change',
      params: DecisionParams,
      ok: { description: 'The codes revoked.', schema: RevokeCodesAnswer },
      errors: ['not_found', 'conflict'],
    }),
    async (c) => c.json((await revokeDecisionCodes(ctx, { id: readParam(c, 'id', DecisionParams.shape.id), actor: actor(c) })) satisfies RevokeCodesAnswer),
  )
  routes.patch(
    '/comments/:id',
    doc({
      id: 'editComment',
      tag: 'Admin: comments',
      summary: 'Change a comment’s text',
      description: 'Readers see it marked edited; the audit log keeps the text before and after. Its reward is not affected.',
      auth: 'change',
      params: IdParams,
      body: ModeratorEditBody,
      ok: { description: 'The comment as it now reads.', schema: ModeratorEditAnswer },
      errors: ['not_found', 'conflict'],
    }),
    async (c) => {
      const { body } = await readJson(c, ModeratorEditBody)
      const { comment, thread } = await editComment(ctx, { id: readParam(c, 'id', IdParams.shape.id), body, actor: actor(c) })
      if (thread) lists.forget(thread.siteId, thread.key)
      return c.json(comment satisfies ModeratorEditAnswer)
    },
  )
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

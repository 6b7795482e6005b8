import type { PublicComment } from '../../../shared/comments.ts'
import type { comments } from '../../db/schema.ts'

type CommentRow = typeof comments.$inferSelect

/** The only way a comment leaves the server in a public answer: no email, no IP, no reader key. */
export function publicComment(row: Pick<CommentRow, 'id' | 'parentId' | 'authorName' | 'body' | 'createdAt'>): PublicComment {
  return { id: row.id, parentId: row.parentId, authorName: row.authorName, body: row.body, createdAt: row.createdAt }
}

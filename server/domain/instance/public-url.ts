/**
 * The address readers reach this server at, as the server last started with
 * it: the CLI runs without the server's environment and still prints embed
 * snippets that point at the right place.
 */
import { eq } from 'drizzle-orm'
import { instance } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

const KEY = 'public-url'

export async function savePublicUrl(ctx: Ctx, url: string) {
  await ctx.db
    .insert(instance)
    .values({ key: KEY, value: url })
    .onConflictDoUpdate({ target: instance.key, set: { value: url } })
}

export async function knownPublicUrl(ctx: Ctx): Promise<string | undefined> {
  return (await ctx.db.query.instance.findFirst({ where: eq(instance.key, KEY) }))?.value
}

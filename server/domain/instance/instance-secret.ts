/**
 * Secrets this installation makes for itself on first use and keeps in the
 * database, so every server process shares them and no secret needs a
 * built-in default: the key that hashes client networks, the key that signs
 * admin device cookies, the key that signs unsubscribe links, the key that
 * names a reader without their address (readers/reader-subject.ts), and for
 * two-factor login the key that encrypts TOTP secrets, the one that hashes
 * recovery codes and the one that signs a login waiting for its code.
 */
import { randomBytes } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { instance } from '../../db/schema.ts'
import type { Ctx } from '../context.ts'

export type SecretName = 'network-key' | 'device-key' | 'unsubscribe-key' | 'reader-key' | 'totp-key' | 'recovery-key' | 'challenge-key'

async function load(ctx: Ctx, name: SecretName): Promise<string> {
  const key = `secret:${name}`
  // Two processes starting at once: the first insert wins, both read the winner.
  await ctx.db
    .insert(instance)
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflictDoNothing()
  const row = await ctx.db.query.instance.findFirst({ where: eq(instance.key, key) })
  return row!.value
}

export function instanceSecret(ctx: Ctx, name: SecretName): Promise<string> {
  const byName = ctx.caches.secrets
  let secret = byName.get(name)
  if (!secret) {
    secret = load(ctx, name)
    secret.catch(() => byName.delete(name))
    byName.set(name, secret)
  }
  return secret
}

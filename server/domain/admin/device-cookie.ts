/**
 * OWASP's device cookies against password guessing: a browser that has logged
 * in as an account before carries a signed cookie naming that account, and
 * its attempts are counted on their own. Strangers (no such cookie) share the
 * per-IP and per-account limits, so an attacker who exhausts them slows
 * strangers down but never locks the owner's own browsers out.
 * https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Ctx } from '../context.ts'
import { instanceSecret } from '../instance/instance-secret.ts'

const sign = (key: string, email: string, nonce: string) => createHmac('sha256', key).update(`${email}\n${nonce}`).digest('base64url')

export async function issueDeviceCookie(ctx: Ctx, email: string): Promise<string> {
  const nonce = randomBytes(16).toString('base64url')
  return `${Buffer.from(email).toString('base64url')}.${nonce}.${sign(await instanceSecret(ctx, 'device-key'), email, nonce)}`
}

/** The device's id (its nonce) when the cookie is genuine and names this account; otherwise null. */
export async function trustedDevice(ctx: Ctx, cookie: string | undefined, email: string): Promise<string | null> {
  const [who, nonce, mac] = (cookie ?? '').split('.')
  if (!who || !nonce || !mac || Buffer.from(who, 'base64url').toString() !== email) return null
  const expected = Buffer.from(sign(await instanceSecret(ctx, 'device-key'), email, nonce))
  const given = Buffer.from(mac)
  return expected.length === given.length && timingSafeEqual(expected, given) ? nonce : null
}

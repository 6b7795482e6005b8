/**
 * Who made a change: an admin, a shop's API key, the command line, the server
 * itself, or someone not logged in (a failed login).
 */
export type Actor = { kind: 'admin'; id: number } | { kind: 'shop'; keyId: number } | { kind: 'cli' } | { kind: 'system' } | { kind: 'anonymous' }

/** How the audit log stores an actor: `admin:<id>`, `shop:<key id>`, `cli`, `system`, `anonymous`. */
export function actorLabel(actor: Actor): string {
  if (actor.kind === 'admin') return `admin:${actor.id}`
  if (actor.kind === 'shop') return `shop:${actor.keyId}`
  return actor.kind
}

export const SYSTEM: Actor = { kind: 'system' }
export const CLI: Actor = { kind: 'cli' }
export const ANONYMOUS: Actor = { kind: 'anonymous' }

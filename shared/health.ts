import { z } from 'zod'

/** GET /healthz: liveness with a database round trip. */
export const HealthAnswer = z.object({ ok: z.literal(true), database: z.literal('ok') }).meta({ id: 'HealthAnswer' })

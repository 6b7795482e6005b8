/**
 * The published API reference: a valid OpenAPI 3.1 document, describing every
 * route of the app's own route table and nothing else, good enough that a
 * client generated from it type-checks real calls (and rejects wrong ones).
 */
import { execFile } from 'node:child_process'
import { copyFileSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { validate } from '@readme/openapi-parser'
import openapiTS, { astToString } from 'openapi-typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROOT, testApp } from './helpers/test-app.ts'

const run = promisify(execFile)
/** Routes that serve the reference itself, not part of it. */
const OWN = ['/api/v1/openapi.json', '/api/docs', '/api/docs/:file']

let spec: { openapi: string; paths: Record<string, Record<string, { operationId: string }>>; webhooks: Record<string, unknown> }
let app: Awaited<ReturnType<typeof testApp>>['app']

beforeAll(async () => {
  ;({ app } = await testApp())
  const res = await app.request('/api/v1/openapi.json')
  expect(res.status).toBe(200)
  spec = await res.json()
})

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(spec.openapi).toBe('3.1.0')
    const result = await validate(structuredClone(spec) as never)
    expect(result.valid ? [] : result.errors).toEqual([])
  })

  it('lists every API route of the app, and nothing else', () => {
    const routes = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || r.path === '/healthz') && !OWN.includes(r.path))
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    )
    const documented = new Set(Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)))
    expect([...documented].sort()).toEqual([...routes].sort())
    expect(routes.size).toBeGreaterThanOrEqual(38)
  })

  it('names every operation, and documents the webhooks’ payloads', () => {
    const ids = Object.values(spec.paths).flatMap((ops) => Object.values(ops).map((o) => o.operationId))
    expect(new Set(ids).size).toBe(ids.length)
    expect(Object.keys(spec.webhooks).sort()).toEqual(['code.redeemed', 'comment.created', 'reward.issued'])
  })

  it('gives a generated client that type-checks real calls and refuses wrong ones', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inkind-openapi-client-'))
    writeFileSync(join(dir, 'inkind-api.d.ts'), astToString(await openapiTS(structuredClone(spec) as never)))
    for (const f of ['client.ts', 'wrong.ts']) copyFileSync(join(ROOT, 'tests/openapi-client', f), join(dir, f))
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'Bundler',
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          allowImportingTsExtensions: true,
          lib: ['ES2022', 'DOM'],
        },
        files: ['client.ts', 'wrong.ts'],
      }),
    )
    const tsc = await run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: dir }).catch(
      (e) => e as { stdout: string; code: number },
    )
    expect('stdout' in tsc ? tsc.stdout : '', 'tsc found errors').toBe('')
  })
})

describe('the reference page', () => {
  it('serves Swagger UI from this server under a strict CSP', async () => {
    const page = await app.request('/api/docs')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('/api/docs/swagger-ui-bundle.js')
    const bundle = await app.request('/api/docs/swagger-ui-bundle.js')
    expect(bundle.status).toBe(200)
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(500_000)
    expect((await app.request('/api/docs/../../package.json')).status).toBe(404)
  })
})

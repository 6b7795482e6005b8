import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { BLOG, ROOT, testApp } from '../../tests/helpers/test-app.ts'

describe('GET /embed', () => {
  it('is the widget alone, for the thread asked, framable only by the site’s origins', async () => {
    const { app } = await testApp()
    const res = await app.request('/embed?site=cpr&thread=/blog/reciprocity&theme=dark&lang=de')
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain('<div id="inkind"></div>')
    expect(page).toContain('<script src="/widget.js" data-site="cpr" data-thread="/blog/reciprocity" data-theme="dark" data-lang="de" async></script>')
    expect(page).toContain('<script src="/embed-frame.js" async></script>')
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain(`frame-ancestors 'self' ${BLOG}`)
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toMatch(/unsafe-(inline|eval)/)
    expect(res.headers.get('x-frame-options')).toBeNull()
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('escapes what it repeats from the query', async () => {
    const { app } = await testApp()
    const res = await app.request(`/embed?site=cpr&thread=${encodeURIComponent('/a"><script>alert(1)</script>')}`)
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).not.toContain('<script>alert(1)')
    expect(page).toContain('data-thread="/a&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"')
  })

  it('says in words what is wrong: no thread, a bad site id, an unknown site, a theme it does not know', async () => {
    const { app } = await testApp()
    for (const [query, status] of [
      ['site=cpr', 400],
      ['site=CPR!&thread=/a', 400],
      ['site=cpr&thread=/a&theme=pink', 400],
      ['site=nope&thread=/a', 404],
    ] as const) {
      const res = await app.request(`/embed?${query}`)
      expect(res.status, query).toBe(status)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(await res.text()).not.toContain('<script')
    }
  })

  it('leaves the rest of the server unframable', async () => {
    const { app } = await testApp()
    expect((await app.request('/')).headers.get('x-frame-options')).toBe('DENY')
    expect((await app.request('/api/v1/sites/cpr/config')).headers.get('x-frame-options')).toBe('DENY')
  })
})

describe('the builders’ scripts', () => {
  it.each(['/platform.js', '/embed-frame.js'])('%s is plain JavaScript for any page, within 1 KB gzip', async (path) => {
    const { app } = await testApp()
    const res = await app.request(path)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/javascript')
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin')
    const body = await res.text()
    expect(body).toBe(readFileSync(join(ROOT, 'server/embed', path === '/platform.js' ? 'platform.js' : 'frame.js'), 'utf8'))
    expect(/^\s*(import|export)\b/m.test(body)).toBe(false)
    expect(/innerHTML|insertAdjacentHTML|document\.write/.test(body)).toBe(false)
    expect(gzipSync(body, { level: 9 }).length).toBeLessThanOrEqual(1024)
  })
})

/** A blog on another origin that embeds Inkind, as an owner's real site would: pages by name. */
import { createServer, type Server } from 'node:http'
import { freePort } from './server.ts'

export interface HostSite {
  url: string
  close: () => Promise<void>
}

export async function hostSite(pages: Record<string, { html: string; csp?: string }>): Promise<HostSite> {
  const port = await freePort()
  const server: Server = createServer((req, res) => {
    const page = pages[(req.url ?? '/').split('?')[0]!]
    if (!page) return res.writeHead(404).end('not found')
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...(page.csp && { 'content-security-policy': page.csp }) })
    res.end(page.html)
  })
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r))
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) }
}

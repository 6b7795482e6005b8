/**
 * The hosted embed (/embed?site=…&thread=…) as the guides put it on a page:
 * in a sandboxed iframe on another origin, with the guide's resize snippet
 * around it. A reader comments, gets a code and copies it; the frame grows
 * with its comments; a page on an origin the site does not allow cannot
 * frame it.
 */
import type { Browser, Frame, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launch } from '../helpers/browser.ts'
import { guideScreenshot, guideSnippet } from '../helpers/guide.ts'
import { type HostSite, hostSite } from '../helpers/host-site.ts'
import { OWNER, type RunningServer, startServer } from '../helpers/server.ts'
import { addSiteWithCli } from '../helpers/site.ts'
import { writeComment } from '../helpers/widget.ts'

const SANDBOX = 'allow-scripts allow-same-origin allow-forms allow-popups'
let inkind: RunningServer
let host: HostSite
let stranger: HostSite
let browser: Browser

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><link rel="icon" href="data:,">
<style>body { font: 17px/1.6 Georgia, serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; color: #222; background: #f3efe6; } footer { border-top: 1px solid #ccc; margin-top: 2rem; }</style></head>
<body><h1>${title}</h1><p>Leave a word for us below: every genuine comment gets a thank-you code for the shop.</p>${body}<footer><p>Our footer</p></footer></body></html>`

beforeAll(async () => {
  ;[inkind, browser] = await Promise.all([startServer({ ...OWNER }), launch()])
  const squarespace = guideSnippet('squarespace', 'embed', inkind.url)
  const wixUrl = guideSnippet('wix', 'embed-url', inkind.url)
  const pages = {
    // Squarespace's Code Block: the snippet as it is, in the page.
    '/guestbook': { html: page('Guestbook', squarespace) },
    // Wix's Embed HTML, "Website address": Wix makes the iframe; we give it the sandbox the issue names.
    '/contact': { html: page('Contact', `<iframe src="${wixUrl}" title="Comments" sandbox="${SANDBOX}" style="width:100%;height:700px;border:0"></iframe>`) },
  }
  host = await hostSite(pages)
  stranger = await hostSite(pages)
  await addSiteWithCli(inkind, 'cpr', [host.url])
})

afterAll(async () => {
  await browser?.close()
  await host?.close()
  await stranger?.close()
  await inkind?.stop()
})

async function embedFrame(p: Page): Promise<Frame> {
  const handle = await p.waitForSelector('iframe')
  const frame = (await handle.contentFrame())!
  await frame.waitForSelector('#inkind[data-inkind-loaded]')
  return frame
}

describe('the hosted embed in a sandboxed iframe on another origin', () => {
  it('takes a comment, gives a code the reader can copy, and takes the height of what it shows', async () => {
    const context = await browser.newContext({ viewport: { width: 900, height: 1000 } })
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url })
    const p = await context.newPage()
    const errors: string[] = []
    p.on('pageerror', (e) => errors.push(e.message))
    p.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await p.goto(`${host.url}/guestbook`)
    const iframe = p.locator('iframe')
    expect(await iframe.getAttribute('sandbox')).toBe(SANDBOX)
    const frame = await embedFrame(p)
    expect(await frame.evaluate(() => origin)).toBe(inkind.url)

    // The guide's listener sets the frame's height to what the embed reports.
    const frameHeight = () => iframe.evaluate((f: HTMLIFrameElement) => f.getBoundingClientRect().height)
    const contentHeight = () => frame.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height))
    await expect.poll(async () => Math.abs((await frameHeight()) - (await contentHeight()))).toBeLessThanOrEqual(1)
    const before = await frameHeight()
    expect(before).not.toBe(700)

    await writeComment(frame, { name: 'Framed Reader', email: 'framed.reader@gmail.com', body: 'Signed from inside a sandboxed frame.' })
    const code = (await frame.locator('#inkind .reward code').textContent())!
    expect(code).toMatch(/^[0-9A-Z]{12}$/)
    await frame.locator('#inkind').getByRole('button', { name: 'Copy' }).click()
    await expect.poll(() => frame.locator('#inkind').getByRole('button', { name: 'Copied' }).isVisible()).toBe(true)
    expect(await p.evaluate(() => navigator.clipboard.readText())).toBe(code)

    // The offer gave way to the code and the form to a button: the frame follows, whichever way.
    await expect.poll(frameHeight).not.toBe(before)
    await expect.poll(async () => Math.abs((await frameHeight()) - (await contentHeight()))).toBeLessThanOrEqual(1)
    expect(errors).toEqual([])
    await guideScreenshot(p, 'embed-iframe', { fullPage: true })
    await context.close()
  })

  it('works as Wix frames a website address, and the thread is the page the owner named', async () => {
    const p = await browser.newPage()
    await p.goto(`${host.url}/contact`)
    const frame = await embedFrame(p)
    await writeComment(frame, { name: 'Wix Reader', email: 'wix.reader@gmail.com', body: 'Hello from the contact page.' })
    const res = await fetch(`${inkind.url}/api/v1/sites/cpr/counts?threads=/contact,/guestbook`)
    expect((await res.json()).counts).toEqual({ '/contact': 1, '/guestbook': 1 })
    await p.close()
  })

  it('cannot be framed by a page on an origin the site does not allow', async () => {
    const p = await browser.newPage()
    const refused: string[] = []
    p.on('console', (m) => /frame-ancestors/.test(m.text()) && refused.push(m.text()))
    await p.goto(`${stranger.url}/guestbook`)
    await expect.poll(() => refused.length).toBeGreaterThan(0)
    const frame = (await (await p.waitForSelector('iframe')).contentFrame())!
    expect(await frame.locator('#inkind').count()).toBe(0)
    await p.close()
  })
})

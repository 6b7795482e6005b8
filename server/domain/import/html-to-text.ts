/**
 * A comment's HTML (Disqus, WordPress, Remark42, Isso rows Isso itself
 * imported) as the plain text Inkind stores: paragraphs as blank lines, `<br>`
 * as a line break, links as their address or `[text](address)`, bold,
 * italics and code as the `**`, `*` and backticks the widget renders
 * (widget/render-body.tsx); every other tag dropped, its text kept, entities
 * decoded. Parsed with htmlparser2; the result is text, never HTML.
 */
import { Parser } from 'htmlparser2'

const BLOCKS = new Set([
  'p',
  'div',
  'blockquote',
  'ul',
  'ol',
  'pre',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'table',
  'tr',
  'hr',
  'section',
  'article',
  'figure',
  'dl',
  'dt',
  'dd',
])
const MARKS: Record<string, string> = { strong: '**', b: '**', em: '*', i: '*', code: '`' }
/** Their text is not the comment's. */
const HIDDEN = new Set(['script', 'style', 'head', 'title', 'template', 'noscript'])
/** What the widget's renderer accepts as a `[text](address)` link. */
const LINK_LABEL = /^[^\]\n]{1,300}$/
const LINK_HREF = /^https?:\/\/[^\s()]+$/i

const withoutScheme = (s: string) => s.replace(/^https?:\/\//i, '').replace(/\/$/, '')

/** How a link reads as text: the address alone when its text adds nothing (or is the address cut short with "…"). */
export function linkText(text: string, href: string | null): string {
  if (!href || !/^https?:\/\//i.test(href)) return text
  if (!text || text === href || withoutScheme(text) === withoutScheme(href)) return href
  const ellipsis = /(\.\.\.|…)$/.exec(text)
  if (ellipsis) {
    const stem = text.slice(0, -ellipsis[0].length)
    if (href.startsWith(stem) || withoutScheme(href).startsWith(withoutScheme(stem))) return href
  }
  if (LINK_LABEL.test(text) && LINK_HREF.test(href)) return `[${text}](${href})`
  return `${text} (${href})`
}

/**
 * WordPress stores comments before `wpautop`: a blank line is a paragraph, a
 * single line break a `<br>` (newlines inside tags left alone).
 */
export function autop(html: string): string {
  return html
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((para) => `<p>${para.replace(/(<[^>]*>)|\n/g, (_, tag: string | undefined) => tag ?? '<br>')}</p>`)
    .join('')
}

/** An Isso comment is Markdown, unless Isso's own Disqus import left HTML in it. */
export function looksLikeHtml(text: string): boolean {
  return /^\s*<(p|div|blockquote|ul|ol|pre)[\s>]/i.test(text)
}

export function htmlToText(html: string, opts: { autop?: boolean } = {}): string {
  let out = ''
  const marks: { tag: string; at: number; inert: boolean }[] = []
  const links: { href: string | null; at: number }[] = []
  const lists: { ordered: boolean; n: number }[] = []
  let pre = 0
  let hidden = 0

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (HIDDEN.has(name)) hidden++
        if (hidden) return
        if (name === 'br') out += '\n'
        else if (name === 'li') {
          const list = lists.at(-1)
          out += list?.ordered ? `\n${++list.n}. ` : '\n- '
        } else if (BLOCKS.has(name)) {
          out += '\n\n'
          if (name === 'ul' || name === 'ol') lists.push({ ordered: name === 'ol', n: 0 })
          if (name === 'pre') pre++
        } else if (name === 'a') links.push({ href: attrs.href?.trim() ?? null, at: out.length })
        else if (name in MARKS) marks.push({ tag: name, at: out.length, inert: links.length > 0 })
        else if (name === 'img') out += attrs.src && /^https?:\/\//i.test(attrs.src) ? ` ${attrs.src} ` : (attrs.alt ?? '')
      },
      ontext(text) {
        if (!hidden) out += pre ? text : text.replace(/\s+/g, ' ')
      },
      onclosetag(name) {
        if (HIDDEN.has(name)) {
          hidden = Math.max(0, hidden - 1)
          return
        }
        if (hidden) return
        if (name === 'a') {
          const link = links.pop()
          if (!link) return
          const inner = out.slice(link.at)
          out = out.slice(0, link.at) + around(inner, linkText(inner.replace(/\s+/g, ' ').trim(), link.href))
        } else if (name in MARKS) {
          const i = marks.findLastIndex((m) => m.tag === name)
          if (i < 0) return
          const [mark] = marks.splice(i, 1)
          if (mark!.inert) return
          const inner = out.slice(mark!.at)
          const core = inner.trim()
          const d = MARKS[name]!
          // Only what the renderer reads back as written: one line, no delimiter inside, no link.
          if (core && !/\n/.test(core) && !core.includes(d[0]!) && !core.includes('://')) out = out.slice(0, mark!.at) + around(inner, `${d}${core}${d}`)
        } else if (BLOCKS.has(name)) {
          out += '\n\n'
          if (name === 'ul' || name === 'ol') lists.pop()
          if (name === 'pre') pre = Math.max(0, pre - 1)
        }
      },
    },
    { decodeEntities: true },
  )
  parser.write(opts.autop ? autop(html) : html)
  parser.end()
  return tidy(out)
}

/** Keeps the spaces that stood around a link or a mark outside it. */
function around(inner: string, text: string) {
  return `${/^\s/.test(inner) ? ' ' : ''}${text}${/\s$/.test(inner) ? ' ' : ''}`
}

/** Each line trimmed and its runs of spaces made one, at most one blank line in a row, nothing around. */
function tidy(text: string) {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t\u00A0]+$/, '')
        .replace(/^[ \t]+/, '')
        .replace(/ {2,}/g, ' '),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

/** Entities decoded once, tags dropped: a WordPress author name (old WordPress escaped them). */
export function decodeHtmlLine(text: string): string {
  return htmlToText(text).replace(/\s+/g, ' ').trim()
}

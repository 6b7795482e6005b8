/**
 * A comment body to elements, never to an HTML string: paragraphs, line breaks,
 * http(s) links (written or autolinked), `code`, **strong** and *emphasis*.
 * Anything else stays the text the reader typed.
 */
import type { ComponentChildren } from 'preact'

const INLINE =
  /\[([^\]\n]{1,300})\]\((https?:\/\/[^\s()]+)\)|(https?:\/\/[^\s<>"]*[^\s<>".,:;!?'")\]])|`([^`\n]+)`|\*\*([^*\n]+)\*\*|\*([^*\n]+)\*|_([^_\n]+)_/g

const REL = 'nofollow ugc noopener noreferrer'

function link(href: string, text: string) {
  return (
    <a href={href} rel={REL} target="_blank">
      {text}
    </a>
  )
}

function inline(text: string): ComponentChildren[] {
  const out: ComponentChildren[] = []
  let last = 0
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index))
    const [, label, href, bare, code, strong, em, em2] = m
    if (href) out.push(link(href, label!))
    else if (bare) out.push(link(bare, bare))
    else if (code) out.push(<code>{code}</code>)
    else if (strong) out.push(<strong>{strong}</strong>)
    else out.push(<em>{em ?? em2}</em>)
    last = m.index + m[0].length
  }
  if (last < text.length) out.push(text.slice(last))
  return out
}

export function Body({ text }: { text: string }) {
  return (
    <>
      {text.split(/\n{2,}/).map((para) => (
        <p>{para.split('\n').flatMap((line, i) => (i ? [<br />, ...inline(line)] : inline(line)))}</p>
      ))}
    </>
  )
}

/**
 * A big XML export read as a stream (saxes): the elements at one depth (a
 * Disqus <post>, a WordPress item's <wp:comment>) come out one at a time as
 * small trees, and the elements above them as open and close events. Only one
 * such element is ever in memory, whatever the file's size.
 */
import { SaxesParser } from 'saxes'
import { DomainError } from '../errors.ts'
import type { Bytes } from './read-bytes.ts'

export interface XmlElement {
  /** Local name, without its prefix. */
  name: string
  uri: string
  attrs: { local: string; uri: string; value: string }[]
  text: string
  children: XmlElement[]
  /** The line its start tag is on. */
  line: number
}

export type XmlEvent =
  | { kind: 'open'; depth: number; name: string; uri: string; line: number }
  | { kind: 'close'; depth: number; name: string }
  | { kind: 'element'; depth: number; el: XmlElement }

/** One record's text past this is no comment: refuse the file at that line rather than hold it. */
const MAX_RECORD_CHARS = 8 * 1024 * 1024

/** `what` names the expected file in errors: "a Disqus export". */
export async function* xmlEvents(chunks: Bytes, captureDepth: number, what: string): AsyncGenerator<XmlEvent> {
  const parser = new SaxesParser({ xmlns: true, position: true })
  const queue: XmlEvent[] = []
  const stack: XmlElement[] = []
  let depth = 0
  let size = 0
  let root = false
  const fail = (message: string): never => {
    if (!root) throw new DomainError('invalid_input', `This is not ${what}: it is not XML (${message}).`, { file: 'format' })
    throw new DomainError('invalid_input', `The XML breaks at line ${parser.line}, column ${parser.column + 1}: ${message}`, { line: String(parser.line) })
  }

  parser.on('opentag', (tag) => {
    root = true
    depth++
    if (depth < captureDepth) {
      queue.push({ kind: 'open', depth, name: tag.local, uri: tag.uri, line: parser.line })
      return
    }
    const el: XmlElement = {
      name: tag.local,
      uri: tag.uri,
      attrs: Object.values(tag.attributes).map((a) => ({ local: a.local, uri: a.uri, value: a.value })),
      text: '',
      children: [],
      line: parser.line,
    }
    if (depth === captureDepth) size = 0
    else stack.at(-1)?.children.push(el)
    stack.push(el)
  })
  const text = (t: string) => {
    const el = stack.at(-1)
    if (!el) return
    size += t.length
    if (size > MAX_RECORD_CHARS) fail(`the <${stack[0]!.name}> that starts on line ${stack[0]!.line} is over ${MAX_RECORD_CHARS} characters`)
    el.text += t
  }
  parser.on('text', text)
  parser.on('cdata', text)
  parser.on('closetag', (tag) => {
    if (depth >= captureDepth) {
      const el = stack.pop()!
      if (depth === captureDepth) queue.push({ kind: 'element', depth, el })
    } else queue.push({ kind: 'close', depth, name: tag.local })
    depth--
  })
  parser.on('error', (error) => fail(error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')))

  const decoder = new TextDecoder('utf-8')
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }))
    yield* queue
    queue.length = 0
  }
  parser.write(decoder.decode())
  parser.close()
  yield* queue
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name)
}

/** A child's text, trimmed; '' when it is absent. */
export function childText(el: XmlElement, name: string): string {
  return child(el, name)?.text.trim() ?? ''
}

export function attr(el: XmlElement | undefined, local: string, uri?: string): string | undefined {
  return el?.attrs.find((a) => a.local === local && (uri === undefined || a.uri === uri))?.value
}

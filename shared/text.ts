/**
 * Text as readers type it, made safe to store and show: Unicode NFC, no control
 * characters (tabs and newlines kept in bodies), no bidi overrides that could make
 * a comment read differently from what it says (Trojan Source, CVE-2021-42574).
 */
// C0/C1 controls except \t and \n, DEL, bidi embeddings/overrides/isolates, BOM.
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g
const UNSAFE_INLINE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFEFF]/g

/** A multi-line body: CRLF folded to LF, unsafe characters removed, trimmed. */
export function cleanBody(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(UNSAFE, '').trim()
}

/** A one-line field (name, title): also newlines and tabs removed, spaces collapsed. */
export function cleanLine(text: string): string {
  return text.normalize('NFC').replace(UNSAFE_INLINE, ' ').replace(/\s+/g, ' ').trim()
}

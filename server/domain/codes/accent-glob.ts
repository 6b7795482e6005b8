/**
 * Searching names with accents ignored, on both sides: "Jimenez" and
 * "Jiménez" each find "Jiménez" and "JIMENEZ". SQLite folds only ASCII case
 * and has no unaccent, so the search is folded here (NFKD, marks dropped,
 * lowercased) and each letter becomes a GLOB class of every character that
 * folds to it: `jimenez` → `*[jJĵĴǰ…][iIíÍìÌ…][mM]…*`. The classes are computed
 * from Unicode's decompositions at start-up, not written out by hand. Names are
 * stored in NFC (shared/text.ts), so an accented letter is one character.
 */

/** A string as the search compares it: compatibility decomposition, combining marks dropped, lowercase. */
export const foldAccents = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

/** Latin letters with diacritics: Latin-1 Supplement, Extended-A and -B, Extended Additional (Vietnamese and more). */
const LATIN = [
  [0x41, 0x7a],
  [0xc0, 0x24f],
  [0x1e00, 0x1eff],
] as const

/** Every character that folds to one letter, by that letter: 'e' → 'eEèéêë…'. */
const VARIANTS = (() => {
  const byBase = new Map<string, string>()
  for (const [from, to] of LATIN) {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp)
      const base = foldAccents(ch)
      if (base.length === 1 && /\p{L}/u.test(ch)) byBase.set(base, (byBase.get(base) ?? '') + ch)
    }
  }
  return byBase
})()

/** A GLOB pattern that finds `query` anywhere in a name, whatever accents and case either has. */
export function accentGlob(query: string): string {
  let pattern = '*'
  for (const ch of foldAccents(query)) {
    const variants = VARIANTS.get(ch)
    if (variants) pattern += `[${variants}]`
    else if (ch === '*' || ch === '?' || ch === '[') pattern += `[${ch}]`
    else if (ch.toUpperCase() !== ch) pattern += `[${ch}${ch.toUpperCase()}]`
    else pattern += ch
  }
  return `${pattern}*`
}

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4):
 * every line must parse, every sample must belong to a family declared with
 * HELP and TYPE before it, label values are unescaped, and histograms must be
 * whole (ascending `le`, cumulative counts, a +Inf bucket equal to _count,
 * a _sum). It throws on anything else, so a test that reads a scrape with it
 * has checked the whole exposition.
 */

export interface Sample {
  name: string
  labels: Record<string, string>
  value: number
}
export interface Family {
  name: string
  help: string
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped'
  samples: Sample[]
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/
const LABEL = /^[a-zA-Z_][a-zA-Z0-9_]*$/

function parseValue(text: string, line: number): number {
  // As Prometheus reads them (Go's ParseFloat): Inf, Infinity and NaN in any case, with a sign.
  if (/^\+?inf(inity)?$/i.test(text)) return Number.POSITIVE_INFINITY
  if (/^-inf(inity)?$/i.test(text)) return Number.NEGATIVE_INFINITY
  if (/^[-+]?nan$/i.test(text)) return Number.NaN
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: "${text}" is not a number`)
  return Number(text)
}

/** Reads `{a="x",b="y\"z"}` starting at text[0] === '{'; returns the labels and where it ended. */
function parseLabels(text: string, line: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {}
  let i = 1
  for (;;) {
    if (text[i] === '}') return { labels, end: i + 1 }
    const eq = text.indexOf('=', i)
    const name = text.slice(i, eq)
    if (eq < 0 || !LABEL.test(name)) throw new Error(`line ${line}: bad label name at "${text.slice(i)}"`)
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`)
    if (text[eq + 1] !== '"') throw new Error(`line ${line}: label ${name} is not quoted`)
    let value = ''
    let j = eq + 2
    for (; j < text.length && text[j] !== '"'; j++) {
      if (text[j] === '\\') {
        const next = text[++j]
        if (next === 'n') value += '\n'
        else if (next === '\\' || next === '"') value += next
        else throw new Error(`line ${line}: bad escape \\${next}`)
      } else value += text[j]
    }
    if (j >= text.length) throw new Error(`line ${line}: unterminated label value`)
    labels[name] = value
    i = j + 1
    if (text[i] === ',') i++
    else if (text[i] !== '}') throw new Error(`line ${line}: expected , or } after label ${name}`)
  }
}

export function parsePrometheus(text: string): Map<string, Family> {
  const families = new Map<string, Family>()
  const ownerOf = (sample: string): Family | undefined => {
    const exact = families.get(sample)
    if (exact && exact.type !== 'histogram' && exact.type !== 'summary') return exact
    for (const suffix of ['_bucket', '_sum', '_count']) {
      if (!sample.endsWith(suffix)) continue
      const f = families.get(sample.slice(0, -suffix.length))
      if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return f
    }
    return exact?.type === 'summary' ? exact : undefined
  }
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline')
  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1
      if (raw.trim() === '') return
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(raw)
      if (meta) {
        const [, kind, name, rest] = meta as unknown as [string, string, string, string]
        if (!NAME.test(name)) throw new Error(`line ${line}: bad metric name ${name}`)
        const f = families.get(name) ?? { name, help: '', type: 'untyped' as Family['type'], samples: [] }
        if (f.samples.length) throw new Error(`line ${line}: ${kind} for ${name} after its samples`)
        if (kind === 'HELP') f.help = rest
        else {
          if (!['counter', 'gauge', 'histogram', 'summary', 'untyped'].includes(rest)) throw new Error(`line ${line}: unknown type ${rest}`)
          f.type = rest as Family['type']
        }
        families.set(name, f)
        return
      }
      if (raw.startsWith('#')) return
      const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(raw)?.[0]
      if (!name) throw new Error(`line ${line}: not a sample: ${raw}`)
      let rest = raw.slice(name.length)
      let labels: Record<string, string> = {}
      if (rest.startsWith('{')) {
        const parsed = parseLabels(rest, line)
        labels = parsed.labels
        rest = rest.slice(parsed.end)
      }
      const parts = rest.trim().split(/\s+/)
      if (!rest.startsWith(' ') || parts.length < 1 || parts.length > 2) throw new Error(`line ${line}: expected a value after ${name}`)
      const value = parseValue(parts[0]!, line)
      if (parts[1] !== undefined && !/^-?\d+$/.test(parts[1])) throw new Error(`line ${line}: bad timestamp ${parts[1]}`)
      const family = ownerOf(name)
      if (!family?.help || family.type === 'untyped') throw new Error(`line ${line}: ${name} has no HELP and TYPE before it`)
      family.samples.push({ name, labels, value })
    })
  for (const f of families.values()) if (f.type === 'histogram') checkHistogram(f)
  return families
}

function checkHistogram(f: Family) {
  const series = new Map<string, { buckets: [number, number][]; sum?: number; count?: number }>()
  for (const s of f.samples) {
    const { le, ...rest } = s.labels
    const key = JSON.stringify(Object.entries(rest).sort())
    const one = series.get(key) ?? { buckets: [] }
    series.set(key, one)
    if (s.name === `${f.name}_bucket`) {
      if (le === undefined) throw new Error(`${f.name}: a bucket without le`)
      one.buckets.push([parseValue(le, 0), s.value])
    } else if (s.name === `${f.name}_sum`) one.sum = s.value
    else if (s.name === `${f.name}_count`) one.count = s.value
    else throw new Error(`${f.name}: unexpected sample ${s.name}`)
  }
  for (const [key, one] of series) {
    const les = one.buckets.map(([le]) => le)
    if (les.some((le, i) => i > 0 && le <= les[i - 1]!)) throw new Error(`${f.name}${key}: le not ascending`)
    if (one.buckets.some(([, n], i) => i > 0 && n < one.buckets[i - 1]![1])) throw new Error(`${f.name}${key}: buckets not cumulative`)
    const inf = one.buckets.at(-1)
    if (!inf || inf[0] !== Number.POSITIVE_INFINITY) throw new Error(`${f.name}${key}: no +Inf bucket`)
    if (one.count === undefined || one.sum === undefined) throw new Error(`${f.name}${key}: no _count or _sum`)
    if (inf[1] !== one.count) throw new Error(`${f.name}${key}: +Inf bucket ${inf[1]} is not _count ${one.count}`)
  }
}

/** The value of one sample of a family, found by (some of) its labels; undefined when there is none. */
export function sampleValue(families: Map<string, Family>, name: string, labels: Record<string, string> = {}, sampleName = name) {
  return families.get(name)?.samples.find((s) => s.name === sampleName && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value
}

// The mutation score per folder of mutation/stryker.config.mjs, from Stryker's JSON report;
// exits 1 when any folder is under the floor (thresholds.break in that config).
// Score = (killed + timed out) / (killed + timed out + survived + no coverage), as Stryker counts it.
import { readFileSync } from 'node:fs'
import config, { FOLDERS } from './stryker.config.mjs'

const report = JSON.parse(readFileSync(config.jsonReporter.fileName, 'utf8'))
const floor = config.thresholds.break
const rows = FOLDERS.map((folder) => {
  const n = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 }
  for (const [path, file] of Object.entries(report.files)) {
    if (!(path === folder || path.startsWith(`${folder}/`))) continue
    for (const m of file.mutants) {
      if (m.status === 'Killed') n.killed++
      else if (m.status === 'Timeout') n.timeout++
      else if (m.status === 'Survived') n.survived++
      else if (m.status === 'NoCoverage') n.noCoverage++
    }
  }
  const valid = n.killed + n.timeout + n.survived + n.noCoverage
  return { folder, ...n, valid, score: valid ? (100 * (n.killed + n.timeout)) / valid : 100 }
})

const pad = (s, w) => String(s).padStart(w)
console.log(`\nMutation score per folder (floor ${floor}%):\n`)
console.log(`${'folder'.padEnd(42)} ${pad('score', 7)} ${pad('killed', 7)} ${pad('timeout', 8)} ${pad('survived', 9)} ${pad('no cov', 7)}`)
for (const r of rows) {
  const mark = r.score < floor ? '  < floor' : ''
  console.log(
    `${r.folder.padEnd(42)} ${pad(r.score.toFixed(1), 7)} ${pad(r.killed, 7)} ${pad(r.timeout, 8)} ${pad(r.survived, 9)} ${pad(r.noCoverage, 7)}${mark}`,
  )
}
// Each survivor, for mutation/survivors.md: accept it there with a reason, or write the test that kills it.
if (process.argv.includes('--survivors')) {
  console.log('\nSurvivors:')
  for (const [path, file] of Object.entries(report.files)) {
    for (const m of file.mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')) {
      const line = file.source.split('\n')[m.location.start.line - 1]?.trim().slice(0, 100)
      console.log(
        `${path}:${m.location.start.line} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no coverage)' : ''} → ${JSON.stringify(m.replacement ?? '')}\n    ${line}`,
      )
    }
  }
}

const low = rows.filter((r) => r.score < floor)
if (low.length) {
  console.error(`\n${low.map((r) => r.folder).join(', ')}: under the floor of ${floor}%. See mutation/survivors.md.`)
  process.exit(1)
}

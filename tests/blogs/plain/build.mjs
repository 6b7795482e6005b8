// A hand-written blog: normalize.css and water.css's dark theme (which declares no color-scheme),
// the README's snippet pasted in. Served under a strict CSP by the test.
// Usage: INKIND_ORIGIN=http://127.0.0.1:8787 INKIND_SITE=demo node build.mjs  ->  dist/
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const origin = (process.env.INKIND_ORIGIN || 'http://127.0.0.1:8787').replace(/\/$/, '')
const site = process.env.INKIND_SITE || 'demo'
const out = `${here}dist`
rmSync(out, { recursive: true, force: true })
mkdirSync(`${out}/posts`, { recursive: true })
cpSync(`${here}node_modules/normalize.css/normalize.css`, `${out}/normalize.css`)
cpSync(`${here}node_modules/water.css/out/dark.css`, `${out}/water-dark.css`)

const posts = [
  { path: '/posts/hello-world', title: 'Hello, world', body: 'The first post on a plain blog: no generator, just HTML and a classless stylesheet.' },
  { path: '/posts/second-post', title: 'A second post', body: 'Another post, so the index has more than one count to show.' },
]
const page = (title, main) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title} · Plain Blog</title>
  <link rel="stylesheet" href="/normalize.css">
  <link rel="stylesheet" href="/water-dark.css">
</head>
<body>
  <header><a href="/">Plain Blog</a></header>
  <main>
${main}
  </main>
  <footer><small>normalize.css + water.css (dark)</small></footer>
</body>
</html>
`
for (const p of posts) {
  writeFileSync(
    `${out}${p.path}.html`,
    page(
      p.title,
      `    <article>
      <h1>${p.title}</h1>
      <p>${p.body}</p>
      <p>A second paragraph, long enough to wrap on a phone and show how the comments sit under the text of the post.</p>
    </article>
    <div id="inkind"></div>
    <script src="${origin}/widget.js" data-site="${site}" async></script>`,
    ),
  )
}
writeFileSync(
  `${out}/index.html`,
  page(
    'Home',
    `    <h1>Latest posts</h1>
    <ul>
${posts.map((p) => `      <li><a href="${p.path}">${p.title}</a> · <a href="${p.path}#inkind" data-inkind-count="${p.path}">Comments</a></li>`).join('\n')}
    </ul>
    <script src="${origin}/count.js" data-site="${site}" async></script>`,
  ),
)
console.log(`plain build -> ${out}`)

/* global hexo */
// Hexo loads every file in <site>/scripts/ as a plugin (CommonJS, `hexo` in scope).
// Landscape has no template hook for a third-party comment system, so the Inkind snippets
// are put into the generated HTML by an after_render:html filter (locals.page tells the page type).

const origin = (process.env.INKIND_ORIGIN || 'http://127.0.0.1:4100').replace(/\/$/, '')
const site = process.env.INKIND_SITE || 'demo'

hexo.extend.filter.register('after_render:html', (html, locals) => {
  const page = locals?.page || {}
  if (page.__post) {
    // Right after the post's </article>, where Landscape puts its own (Disqus) #comments card.
    html = html.replace(
      '</article>',
      `</article>
<section id="comments" class="inkind-comments"><div id="inkind"></div><script src="${origin}/widget.js" data-site="${site}" async></script></section>`,
    )
  }
  if (page.__index) {
    // A count link in each article footer, after the share link (which carries the permalink),
    // i.e. where Landscape puts its own Disqus/Valine "Comments" link.
    html = html.replace(/(<a data-url="([^"]+)"[^>]*class="article-share-link">[\s\S]*?<\/a>)/g, (m, share, permalink) => {
      const path = new URL(permalink).pathname
      return `${share}\n      <a href="${path}#comments" data-inkind-count="${path}" class="article-comment-link">Comments</a>`
    })
    html = html.replace('</body>', `<script src="${origin}/count.js" data-site="${site}" async></script>\n</body>`)
  }
  // Offline: Landscape links Fork Awesome from a CDN; build.mjs copies the npm package's copy.
  html = html.replace('https://cdn.jsdelivr.net/npm/fork-awesome@1.2.0/css/fork-awesome.min.css', '/fork-awesome/css/fork-awesome.min.css')
  return html
})

/**
 * platform.js: one site-wide snippet (Wix Custom Code, Squarespace Code Injection, Ghost Code
 * injection) puts the comments below each post: on a post page it finds the post's body, adds
 * a container after it and loads widget.js with the canonical URL's path as the thread; on other
 * pages it does nothing. The owner's #inkind wins; data-after="<selector>" names the body.
 */
;(() => {
  const me = document.currentScript
  const d = me.dataset
  // Post bodies, only on post pages (docs/platforms/*.md: what was seen on live sites).
  const bodies =
    d.after ||
    [
      'body:has(h1[data-hook="post-title"]) [data-hook="post-description"]', // Wix Blog (its index lists h2 titles)
      '.view-item .blog-item-content-wrapper', // Squarespace 7.1 (index pages are .view-list)
      '.post-template .gh-content > :last-child', // Ghost: at the body's end, on its grid
    ].join()

  function start() {
    let host = document.querySelector('#inkind, [data-inkind]')
    if (!host) {
      const body = document.querySelector(bodies)
      if (!body) return
      host = document.createElement('div')
      host.id = 'inkind'
      body.after(host)
      // A builder that renders the page again (Wix) may drop what it did not make: put it back.
      new MutationObserver(() => host.isConnected || document.querySelector(bodies)?.after(host)).observe(document.body, { childList: true, subtree: true })
    }
    const canonical = document.querySelector('link[rel="canonical"]')
    const widget = document.createElement('script')
    widget.src = new URL('widget.js', me.src).href
    widget.async = true
    // Our data- attributes (site, theme, lang) go on to the widget, with the thread.
    Object.assign(widget.dataset, d, { thread: new URL(canonical ? canonical.href : location.href).pathname })
    document.body.append(widget)
  }

  // After load: pages rendered in the browser have their post by then.
  if (document.readyState === 'complete') start()
  else addEventListener('load', start)
})()

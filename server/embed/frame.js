/**
 * /embed-frame.js, the hosted embed's own script (server/http/embed-page.ts):
 * tells the page that frames it how tall the comments are, whenever that
 * changes, so a few lines on the owner's page can size the iframe
 * (docs/platforms/wix.md). Only a number crosses, so any parent may hear it.
 */
;(() => {
  // No margin: the height we report is the widget's.
  document.body.style.margin = '0'
  if (parent === window) return
  let last = 0
  new ResizeObserver(() => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height)
    if (height === last) return
    last = height
    parent.postMessage({ inkindHeight: height }, '*')
  }).observe(document.documentElement)
})()

// Eleventy 3 config: Nunjucks layouts, Markdown posts, Pico CSS copied from node_modules.
export default function (eleventyConfig) {
  // copy Pico's stylesheet into the output (no CDN, works offline)
  eleventyConfig.addPassthroughCopy({
    'node_modules/@picocss/pico/css/pico.min.css': 'css/pico.min.css',
  })
  eleventyConfig.addCollection('posts', (api) => api.getFilteredByGlob('src/posts/*.md').sort((a, b) => a.date - b.date))
  return {
    dir: { input: 'src', output: '_site', includes: '_includes', data: '_data' },
    markdownTemplateEngine: 'njk',
    htmlTemplateEngine: 'njk',
  }
}

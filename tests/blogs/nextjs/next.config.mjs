import { fileURLToPath } from 'node:url'

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A static export: out/ is plain files for any static host (/posts/hello-world -> posts/hello-world.html).
  output: 'export',
  // This folder is the project (it sits inside the Inkind repository, whose own lock file and
  // tsconfig.json, with Preact's JSX, Next would otherwise take for the workspace's).
  turbopack: { root: fileURLToPath(new URL('.', import.meta.url)) },
}
export default nextConfig

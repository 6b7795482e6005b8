/** An owner's site on a test server, made as the README says: the CLI, then the admin API. */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { adminSession, OWNER, type RunningServer } from './server.ts'
import { ROOT } from './test-app.ts'

/** `inkind site add <id> --origin <origin>` against the server's database (the server was started with OWNER). */
export async function addSiteWithCli(server: RunningServer, id: string, origins: string[], name = 'Test Blog') {
  await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/cli.ts',
      'site',
      'add',
      id,
      '--name',
      name,
      ...origins.flatMap((o) => ['--origin', o]),
      '--label',
      '10% off',
      '--percent-off',
      '10',
    ],
    { cwd: ROOT, env: { ...process.env, DATABASE_URL: server.databaseUrl } },
  )
  // Every reader of a browser test is the one Chromium on 127.0.0.1: one client network, allowed many rewards.
  const admin = await adminSession(server.url, OWNER.INKIND_ADMIN_EMAIL, OWNER.INKIND_ADMIN_PASSWORD)
  const { id: _, ...site } = await admin<{ antiAbuse: object } & Record<string, unknown>>('GET', `/sites/${id}`)
  await admin('PUT', `/sites/${id}`, { ...site, antiAbuse: { ...site.antiAbuse, rewardsPerNetworkPerDay: 1000, rewardsPerWideNetworkPerDay: 1000 } })
}

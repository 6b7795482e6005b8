/**
 * npm run package:wordpress: dist/inkind-wordpress.zip, the plugin as an owner
 * uploads it (Plugins → Add New → Upload Plugin): one folder, inkind/, at the
 * zip's root. A plain zip writer on node:zlib, so packaging needs no zip tool.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'

const here = import.meta.dirname
const root = join(here, '../..')
const plugin = join(here, 'inkind')
const out = join(root, 'dist/inkind-wordpress.zip')

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))

// One fixed time for every entry (1 Jan 2026 in DOS format): the same sources give the same zip.
const DOS_TIME = 0
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1

const locals = []
const central = []
let offset = 0
for (const path of files(plugin).sort()) {
  const name = Buffer.from(`inkind/${relative(plugin, path).split('\\').join('/')}`)
  const data = readFileSync(path)
  const packed = deflateRawSync(data, { level: 9 })
  const crc = crc32(data)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0)
  local.writeUInt16LE(20, 4) // version needed: 2.0 (deflate)
  local.writeUInt16LE(0x0800, 6) // UTF-8 names
  local.writeUInt16LE(8, 8) // deflate
  local.writeUInt16LE(DOS_TIME, 10)
  local.writeUInt16LE(DOS_DATE, 12)
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(packed.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(name.length, 26)
  locals.push(local, name, packed)
  const entry = Buffer.alloc(46)
  entry.writeUInt32LE(0x02014b50, 0)
  entry.writeUInt16LE((3 << 8) | 20, 4) // made by: Unix, 2.0
  local.copy(entry, 6, 4, 30) // version needed … name length, as in the local header
  entry.writeUInt32LE((((statSync(path).mode & 0o777) | 0o100000) << 16) >>> 0, 38) // a regular file, its permissions
  entry.writeUInt32LE(offset, 42)
  central.push(entry, name)
  offset += local.length + name.length + packed.length
}
const directory = Buffer.concat(central)
const end = Buffer.alloc(22)
end.writeUInt32LE(0x06054b50, 0)
end.writeUInt16LE(central.length / 2, 8)
end.writeUInt16LE(central.length / 2, 10)
end.writeUInt32LE(directory.length, 12)
end.writeUInt32LE(offset, 16)

mkdirSync(join(root, 'dist'), { recursive: true })
writeFileSync(out, Buffer.concat([...locals, directory, end]))
console.log(`${relative(root, out)}: ${central.length / 2} files, ${statSync(out).size} bytes`)

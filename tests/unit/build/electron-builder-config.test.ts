/**
 * build/electron-builder.yml, checked without running electron-builder (that needs the Electron
 * binary): the file is loaded the way electron-builder loads it (js-yaml) and validated against the
 * JSON schema of the installed app-builder-lib; then the targets, app id, icons, file association
 * and fuses are asserted, and the icon files themselves are parsed.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, posix, relative, resolve } from 'node:path'
import Ajv from 'ajv'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../../..')
const CONFIG_PATH = 'build/electron-builder.yml'
const LINUX_ICON_SIZES = [16, 32, 48, 64, 128, 256, 512]
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256]

type Json = Record<string, unknown>

function loadConfig(): Json {
  const config = load(readFileSync(join(root, CONFIG_PATH), 'utf8'))
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new Error(`${CONFIG_PATH} is not a YAML mapping`)
  }
  return config as Json
}

/** `config[key]` as an object (an empty one when it is missing, so the assertions report it). */
function section(config: Json, key: string): Json {
  const value = config[key]
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {}
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}

/** Target names of a platform section: `target` may be a name, `{ target }`, or a list of those. */
function targetNames(platform: Json): string[] {
  return asArray(platform['target']).map((t) =>
    typeof t === 'string' ? t : String((t as Json)['target'])
  )
}

/** A resource path as electron-builder resolves it: in buildResources first, else the project. */
function resourcePath(config: Json, path: unknown): string {
  expect(typeof path, `resource path ${String(path)}`).toBe('string')
  const buildResources = String(section(config, 'directories')['buildResources'] ?? 'build')
  const inBuild = join(root, buildResources, path as string)
  return existsSync(inBuild) ? inBuild : join(root, path as string)
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Width and height from the IHDR chunk of a PNG (throws when it is not a PNG). */
function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('no PNG signature')
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('first PNG chunk is not IHDR')
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
}

interface IcoEntry {
  size: number
  data: Buffer
}

/** The images of an ICO file (header: reserved 0, type 1, count; then 16-byte entries). */
function icoEntries(ico: Buffer): IcoEntry[] {
  if (ico.length < 6 || ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) {
    throw new Error('no ICO header')
  }
  const entries: IcoEntry[] = []
  for (let i = 0; i < ico.readUInt16LE(4); i++) {
    const at = 6 + 16 * i
    const width = ico.readUInt8(at) === 0 ? 256 : ico.readUInt8(at)
    const height = ico.readUInt8(at + 1) === 0 ? 256 : ico.readUInt8(at + 1)
    if (width !== height) throw new Error(`ICO entry ${i} is not square`)
    const length = ico.readUInt32LE(at + 8)
    const offset = ico.readUInt32LE(at + 12)
    if (offset + length > ico.length) throw new Error(`ICO entry ${i} lies outside the file`)
    entries.push({ size: width, data: ico.subarray(offset, offset + length) })
  }
  return entries
}

/** The chunks of an ICNS file ('icns', total length, then type + length + data per icon). */
function icnsChunks(icns: Buffer): Map<string, Buffer> {
  if (icns.toString('latin1', 0, 4) !== 'icns') throw new Error("no 'icns' magic")
  if (icns.readUInt32BE(4) !== icns.length) throw new Error('ICNS length field is not the size')
  const chunks = new Map<string, Buffer>()
  let at = 8
  while (at < icns.length) {
    const length = icns.readUInt32BE(at + 4)
    if (length < 8 || at + length > icns.length) throw new Error(`bad ICNS chunk at ${at}`)
    chunks.set(icns.toString('latin1', at, at + 4), icns.subarray(at + 8, at + length))
    at += length
  }
  return chunks
}

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .sort()
}

describe('build/electron-builder.yml', () => {
  const config = loadConfig()

  it('validates against the JSON schema of the installed electron-builder', () => {
    // app-builder-lib as electron-builder itself resolves it, with the schema it validates with.
    const fromBuilder = createRequire(join(root, 'node_modules/electron-builder/package.json'))
    const schema = JSON.parse(
      readFileSync(fromBuilder.resolve('app-builder-lib/scheme.json'), 'utf8')
    )
    // electron-builder's own ajv options, minus coerceTypes: stricter, a string is no boolean.
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema)
    const valid = validate(structuredClone(config))
    expect(validate.errors ?? [], 'schema errors').toEqual([])
    expect(valid).toBe(true)
    // The validator is not vacuous: an unknown key and a wrong type are rejected.
    expect(validate({ ...config, fileAssociation: [] })).toBe(false)
    expect(validate({ ...config, nsis: { ...section(config, 'nsis'), perMachine: 'no' } })).toBe(
      false
    )
  })

  it('names the app and takes the version from package.json', () => {
    expect(config['appId']).toBe('nl.amsterdam.stadmaken.kennisgraaf')
    expect(config['productName']).toBe('Stadmaken Kennisgraaf')
    expect(section(config, 'directories')['buildResources']).toBe('build')
    expect(config).not.toHaveProperty('version')
    expect(section(config, 'extraMetadata')).not.toHaveProperty('version')
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Json
    expect(pkg['version']).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/)
  })

  it('builds NSIS for Windows, AppImage and deb for Linux, dmg for macOS', () => {
    expect(targetNames(section(config, 'win'))).toEqual(['nsis'])
    expect(targetNames(section(config, 'linux')).sort()).toEqual(['AppImage', 'deb'])
    expect(targetNames(section(config, 'mac'))).toEqual(['dmg'])
  })

  it('makes an assisted NSIS installer that installs per user without admin rights', () => {
    const nsis = section(config, 'nsis')
    expect(nsis['oneClick']).toBe(false)
    expect(nsis['perMachine']).toBe(false)
    expect(nsis['allowElevation']).toBe(false)
    expect(nsis['allowToChangeInstallationDirectory']).toBe(true)
  })

  it('sets the fuses, including asar integrity and cookie encryption', () => {
    expect(config['asar']).toBe(true)
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false
    })
  })

  it('associates .kg.json files with the app, with the app icon', () => {
    const associations = asArray(config['fileAssociations']) as Json[]
    const kg = associations.find((a) => asArray(a['ext']).includes('kg.json'))
    expect(kg, 'a fileAssociations entry with ext kg.json').toBeDefined()
    expect(kg).toMatchObject({
      name: 'Stadmaken Kennisgraaf',
      description: 'Kennisgraaf (Stadmaken)',
      mimeType: 'application/x-stadmaken-kennisgraaf+json',
      role: 'Editor'
    })
    // electron-builder turns an icon name without extension into <name>.ico / <name>.icns.
    const icon = String(kg?.['icon'])
    const named = (ext: string): string =>
      icon.includes('.') ? icon.replace(/\.\w+$/, ext) : icon + ext
    expect(resourcePath(config, named('.ico'))).toBe(
      resourcePath(config, section(config, 'win')['icon'])
    )
    expect(resourcePath(config, named('.icns'))).toBe(
      resourcePath(config, section(config, 'mac')['icon'])
    )
  })
})

describe('icons in build/', () => {
  const config = loadConfig()

  it('has the 1024x1024 master PNG', () => {
    expect(pngSize(readFileSync(join(root, 'build/icon.png')))).toEqual({
      width: 1024,
      height: 1024
    })
  })

  it('gives Windows an ICO with every size up to 256 px', () => {
    const icoPath = resourcePath(config, section(config, 'win')['icon'])
    expect(relative(root, icoPath)).toBe(join('build', 'icon.ico'))
    const entries = icoEntries(readFileSync(icoPath))
    expect(entries.map((e) => e.size)).toEqual(expect.arrayContaining(ICO_SIZES))
    const large = entries.find((e) => e.size === 256)
    expect(large && pngSize(large.data)).toEqual({ width: 256, height: 256 })
  })

  it('gives macOS an ICNS with the 1024 px (512@2x) image', () => {
    const icnsPath = resourcePath(config, section(config, 'mac')['icon'])
    expect(relative(root, icnsPath)).toBe(join('build', 'icon.icns'))
    const chunks = icnsChunks(readFileSync(icnsPath))
    expect([...chunks.keys()]).toEqual(expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']))
    expect(pngSize(chunks.get('ic10') ?? Buffer.alloc(0))).toEqual({ width: 1024, height: 1024 })
  })

  it('gives Linux one PNG per size in the icons folder', () => {
    const dir = resourcePath(config, section(config, 'linux')['icon'])
    expect(relative(root, dir)).toBe(join('build', 'icons'))
    expect(readdirSync(dir).sort()).toEqual(LINUX_ICON_SIZES.map((s) => `${s}x${s}.png`).sort())
    for (const size of LINUX_ICON_SIZES) {
      const png = readFileSync(join(dir, `${size}x${size}.png`))
      expect(pngSize(png), `${size}x${size}.png`).toEqual({ width: size, height: size })
    }
  })

  it('are up to date with build/icon.svg (npm run icons)', () => {
    const out = mkdtempSync(join(tmpdir(), 'kg-icons-'))
    try {
      const run = spawnSync(
        process.execPath,
        [join(root, 'scripts/make-icons.mjs'), '--out', out],
        {
          cwd: root,
          encoding: 'utf8',
          timeout: 120_000
        }
      )
      expect(run.status, run.stderr).toBe(0)
      const made = filesUnder(out)
      expect(made).toEqual(
        ['icon.icns', 'icon.ico', 'icon.png', ...LINUX_ICON_SIZES.map((s) => `icons/${s}x${s}.png`)]
          .map((p) => join(...p.split('/')))
          .sort()
      )
      for (const file of made) {
        const committed = readFileSync(join(root, 'build', file))
        expect(
          committed.equals(readFileSync(join(out, file))),
          `build/${file}: run npm run icons`
        ).toBe(true)
      }
    } finally {
      rmSync(out, { recursive: true, force: true })
    }
  }, 120_000)
})

describe('package.json scripts', () => {
  const scripts = section(
    JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Json,
    'scripts'
  )

  it('packages with electron-builder and this config after a build', () => {
    // electron-builder's own CLI, run with node (npm may leave bin files without the execute bit).
    const builderPkg = JSON.parse(
      readFileSync(join(root, 'node_modules/electron-builder/package.json'), 'utf8')
    ) as { bin: Record<string, string> }
    const cli = posix.join(
      'node_modules/electron-builder',
      builderPkg.bin['electron-builder'] ?? ''
    )
    expect(existsSync(join(root, cli)), `${cli} exists`).toBe(true)
    const flags: Record<string, string> = {
      dist: '',
      'dist:win': ' --win',
      'dist:linux': ' --linux',
      'dist:mac': ' --mac'
    }
    for (const [name, flag] of Object.entries(flags)) {
      expect(scripts[name], name).toBe(
        `npm run build && node ${cli} --config ${CONFIG_PATH}${flag}`
      )
    }
  })

  it('renders the icons with scripts/make-icons.mjs', () => {
    expect(scripts['icons']).toBe('node scripts/make-icons.mjs')
    expect(existsSync(join(root, 'scripts/make-icons.mjs'))).toBe(true)
  })
})

/**
 * The CLI built ahead of time: `npm install` (the `prepare` script) bundles `cli/main.ts` and
 * the worker thread of `compare/isolated.ts` into `dist/` (git-ignored), so
 * `bin/asyncio-conformance.js` starts in a tenth of the time tsx needs to compile the sources
 * at every start. The TypeScript sources stay the only thing in git; `bin/` rebuilds when a
 * source is newer than the build, and falls back to tsx when it cannot.
 *
 *   node scripts/build.mjs            # build dist/, with the library's .d.ts files (npm install, npm run build)
 *   node scripts/build.mjs --analyze  # and say what each output file holds (what a start loads)
 *   node scripts/build.mjs --pack     # as `npm pack` runs it: also drop every earlier build's chunks at once
 *
 * Besides the CLI it bundles the library (`lib/index.ts` -> dist/index.mjs, `lib/vitest.ts` ->
 * dist/vitest.mjs: package.json `exports`), sharing chunks with the CLI, and writes their type
 * declarations to dist/types/ with the TypeScript compiler (the package needs no TypeScript at
 * run time). bin/'s own rebuild after an edit skips the declarations: they take seconds.
 *
 * What the bundle keeps outside (loaded from node_modules when used): prettier (only when a
 * person reads the TypeScript), oxc-transform (a native addon), and what the CLI never loads
 * (playwright-core, tsx, esbuild, typescript, ts-morph, vitest).
 *
 * Sources find their files relative to themselves (`new URL('./python/worker.py',
 * import.meta.url)`): in the bundle every `import.meta.url` is rewritten to the URL its source
 * file has in the clone, so those paths still resolve to the sources' folders.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** Written last: which sources went into the build and when the build read them. */
export const MANIFEST = join(DIST, 'manifest.json');
/** The bundled CLI (exports `main(argv, io)`) and worker, as bin/ and compare/isolated.ts load them. */
export const CLI_BUNDLE = join(DIST, 'cli.mjs');
export const WORKER_BUNDLE = join(DIST, 'isolated-worker.mjs');

const ENTRY_POINTS = { cli: 'cli/main.ts', 'isolated-worker': 'compare/isolated-worker.ts', 'port-pool-worker': 'compare/port-pool-worker.ts', index: 'lib/index.ts', vitest: 'lib/vitest.ts' };
/** The library's entries, whose declarations (and those of every module they import) go to dist/types/. */
const LIBRARY_ENTRIES = ['lib/index.ts', 'lib/vitest.ts'];
export const TYPES_DIR = join(DIST, 'types');
const EXTERNAL = ['prettier', 'oxc-transform', 'playwright-core', 'tsx', 'esbuild', 'typescript', 'ts-morph', 'vitest'];
/** Besides the bundled sources: a change to these (an `npm install`) makes the build stale too. */
const ALSO_WATCHED = ['package.json', 'package-lock.json', 'scripts/build.mjs'];

/** `import.meta.url` of each bundled source: its own URL in the clone, relative to the bundle. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (args.path.split(sep).includes('node_modules')) return undefined;
      const text = await readFile(args.path, 'utf8');
      const fromDist = relative(DIST, args.path).split('\\').join('/');
      const url = `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/**
 * Chunks of earlier builds go once they are an hour old: a CLI started before a rebuild may
 * still load its own build's chunks (`import()` of a report writer) while it runs.
 */
async function removeOldChunks(current, maxAgeMs = 3_600_000) {
  const hourAgo = Date.now() - maxAgeMs;
  for (const name of await readdir(DIST)) {
    const path = join(DIST, name);
    if (!name.endsWith('.mjs') || current.has(path)) continue;
    const { mtimeMs } = await stat(path).catch(() => ({ mtimeMs: Infinity }));
    if (mtimeMs < hourAgo) await rm(path, { force: true });
  }
}

/**
 * Builds dist/ and returns the manifest (and esbuild's metafile). Concurrent builds (parallel CLI
 * starts after an edit) are safe: each output is written to a temporary name and renamed into
 * place, chunks first, then the entries, the manifest last.
 */
export async function buildCli({ declarations = false, pack = false } = {}) {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRY_POINTS,
    outdir: DIST,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]', // beside the entries: the import.meta.url rewrite is relative to dist/
    format: 'esm',
    platform: 'node',
    // Python's type names come from constructor.name (runtime/exceptions.ts): bundling renames colliding classes.
    keepNames: true,
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // compare/isolated.ts: a bundled CLI starts the bundled worker, which needs no TypeScript loader.
    // compare/port-pool.ts likewise starts the bundled thread entry.
    define: {
      BUILT_ISOLATED_WORKER: JSON.stringify(relative(join(ROOT, 'compare'), WORKER_BUNDLE).split('\\').join('/')),
      BUILT_PORT_POOL_WORKER: JSON.stringify(relative(join(ROOT, 'compare'), join(DIST, 'port-pool-worker.mjs')).split('\\').join('/')),
    },
    plugins: [sourceUrls],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const nonce = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  // Chunks before the entries that import them, so a CLI starting meanwhile never finds an entry without its chunks.
  const entries = new Set(Object.keys(ENTRY_POINTS).map((name) => join(DIST, `${name}.mjs`)));
  const ordered = [...result.outputFiles].sort((a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)));
  for (const file of ordered) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(`${file.path}.${nonce}`, file.contents);
    await rename(`${file.path}.${nonce}`, file.path);
  }
  // A pack ships dist/ as it is: only this build's chunks (a CLI of an earlier build may then miss a lazy chunk).
  await removeOldChunks(new Set(result.outputFiles.map((file) => file.path)), pack ? -Infinity : undefined);
  if (declarations || pack) await writeDeclarations();
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/'));
  const manifest = { builtAt: startedAt, watched: [...new Set([...sources, ...ALSO_WATCHED])].sort() };
  await writeFile(`${MANIFEST}.${nonce}`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${MANIFEST}.${nonce}`, MANIFEST);
  return { ...manifest, metafile: result.metafile };
}

/**
 * The library's `.d.ts` files, emitted by the TypeScript compiler with the project's options.
 * The sources import `./x.ts`; the declarations import `./x.js`, which a consumer's compiler
 * resolves to `x.d.ts` beside it (no `allowImportingTsExtensions` needed on their side).
 */
async function writeDeclarations() {
  const ts = (await import('typescript')).default;
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error('cannot read tsconfig.json');
  const options = { ...config.options, noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: ROOT, outDir: TYPES_DIR, noUnusedLocals: false, noUnusedParameters: false };
  const program = ts.createProgram(LIBRARY_ENTRIES.map((entry) => join(ROOT, entry)), options);
  await rm(TYPES_DIR, { recursive: true, force: true });
  const written = [];
  program.emit(undefined, (fileName, text) => written.push([fileName, text.replace(/(from\s+|import\(\s*)(['"])(\.{1,2}\/[^'"]*?)\.ts\2/g, '$1$2$3.js$2')]), undefined, true);
  for (const [fileName, text] of written) {
    await mkdir(dirname(fileName), { recursive: true });
    await writeFile(fileName, text);
  }
  if (!written.some(([fileName]) => fileName.endsWith(join('lib', 'index.d.ts')))) throw new Error('the TypeScript compiler wrote no lib/index.d.ts');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  // `npm pack` / `npm publish` run `prepare`: what they pack is this build alone.
  const pack = process.argv.includes('--pack') || ['pack', 'publish'].includes(process.env.npm_command ?? '');
  const { watched, metafile } = await buildCli({ declarations: true, pack });
  console.log(`built ${relative(process.cwd(), DIST) || '.'}/ from ${watched.length} files in ${Math.round(performance.now() - started)} ms`);
  if (process.argv.includes('--analyze')) console.log(await (await import('esbuild')).analyzeMetafile(metafile));
}

/**
 * The CLI built ahead of time: `npm install` (the `prepare` script) bundles `cli/main.ts` and
 * the worker thread of `compare/isolated.ts` into `dist/` (git-ignored), so
 * `bin/asyncio-conformance.js` starts in a tenth of the time tsx needs to compile the sources
 * at every start. The TypeScript sources stay the only thing in git; `bin/` rebuilds when a
 * source is newer than the build, and falls back to tsx when it cannot.
 *
 *   node scripts/build.mjs            # build dist/
 *   node scripts/build.mjs --analyze  # and say what each output file holds (what a start loads)
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

const ENTRY_POINTS = { cli: 'cli/main.ts', 'isolated-worker': 'compare/isolated-worker.ts' };
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
async function removeOldChunks(current) {
  const hourAgo = Date.now() - 3_600_000;
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
export async function buildCli() {
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
    // Python's type names come from constructor.name (port/python/exceptions.ts): bundling renames colliding classes.
    keepNames: true,
    target: 'node20',
    external: EXTERNAL,
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    // compare/isolated.ts: a bundled CLI starts the bundled worker, which needs no TypeScript loader.
    define: { BUILT_ISOLATED_WORKER: JSON.stringify(relative(join(ROOT, 'compare'), WORKER_BUNDLE).split('\\').join('/')) },
    plugins: [sourceUrls],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const nonce = `${process.pid}-${Math.random().toString(36).slice(2)}`;
  // Chunks before the entries that import them, so a CLI starting meanwhile never finds an entry without its chunks.
  const entries = new Set([CLI_BUNDLE, WORKER_BUNDLE]);
  const ordered = [...result.outputFiles].sort((a, b) => Number(entries.has(a.path)) - Number(entries.has(b.path)));
  for (const file of ordered) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(`${file.path}.${nonce}`, file.contents);
    await rename(`${file.path}.${nonce}`, file.path);
  }
  await removeOldChunks(new Set(result.outputFiles.map((file) => file.path)));
  const sources = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/'));
  const manifest = { builtAt: startedAt, watched: [...new Set([...sources, ...ALSO_WATCHED])].sort() };
  await writeFile(`${MANIFEST}.${nonce}`, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(`${MANIFEST}.${nonce}`, MANIFEST);
  return { ...manifest, metafile: result.metafile };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const { watched, metafile } = await buildCli();
  console.log(`built ${relative(process.cwd(), DIST) || '.'}/ from ${watched.length} files in ${Math.round(performance.now() - started)} ms`);
  if (process.argv.includes('--analyze')) console.log(await (await import('esbuild')).analyzeMetafile(metafile));
}

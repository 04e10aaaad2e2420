#!/usr/bin/env node
/**
 * The CLI's entry. It runs the JavaScript built ahead of time (`dist/`, scripts/build.mjs, made by
 * `npm install`): tsx compiling the TypeScript at every start costs a second. When a source is
 * newer than the build (a developer's edit), it rebuilds first (~0.5 s, once); when it cannot
 * build (no esbuild, a read-only clone) or `ASYNCIO_CONFORMANCE_FROM_SOURCE=1` is set, it runs
 * the TypeScript through tsx's loader as before. Either way it calls the CLI's `main(argv, io)`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import module from 'node:module';

// Node >= 22.1 keeps V8's compiled code of the modules on disk between starts; Node 20 has no such cache.
module.enableCompileCache?.();

const root = new URL('../', import.meta.url);

/** Whether dist/ holds a build at least as new as every file it was built from. */
function buildIsFresh() {
  // An installed package (npm pack) ships the build without the sources: its build is all there is.
  if (!existsSync(new URL('cli/main.ts', root))) return true;
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('dist/manifest.json', root), 'utf8'));
    statSync(new URL('dist/cli.mjs', root));
  } catch {
    return false;
  }
  for (const file of manifest.watched) {
    try {
      if (statSync(new URL(file, root)).mtimeMs > manifest.builtAt) return false;
    } catch {
      return false; // a source was deleted or renamed
    }
  }
  return true;
}

async function loadMain() {
  if (process.env.ASYNCIO_CONFORMANCE_FROM_SOURCE !== '1') {
    try {
      if (!buildIsFresh()) await (await import('../scripts/build.mjs')).buildCli();
      return (await import('../dist/cli.mjs')).main;
    } catch (error) {
      if (process.env.ASYNCIO_CONFORMANCE_DEBUG_BUILD === '1') console.error(error);
    }
  }
  const { register } = await import('tsx/esm/api');
  register();
  return (await import('../cli/main.ts')).main;
}

const main = await loadMain();
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });

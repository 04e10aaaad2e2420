/**
 * The CPython builds that ship inside npm packages (Pyodide: CPython compiled to WebAssembly)
 * and run in Node with nothing else installed. Each is a dependency under an alias named after
 * the CPython it carries (package.json: `"cpython-3.12": "npm:pyodide@0.27.7"`), so several
 * versions sit side by side in node_modules.
 */

export interface EmbeddedBuild {
  /** The oracle name and the npm alias it is installed under, e.g. `cpython-3.12`. */
  readonly name: string;
  /** The CPython it carries, `major.minor.micro` (what `sys.version_info` says). */
  readonly python: string;
  /** The Pyodide release behind the alias. */
  readonly pyodide: string;
}

export const EMBEDDED_BUILDS: readonly EmbeddedBuild[] = [
  { name: 'cpython-3.12', python: '3.12.7', pyodide: '0.27.7' },
  { name: 'cpython-3.13', python: '3.13.2', pyodide: '0.29.3' },
  { name: 'cpython-3.14', python: '3.14.2', pyodide: '314.0.8' },
  { name: 'cpython-3.15', python: '3.15.0', pyodide: '315.0.0-alpha.2' },
];

/**
 * What runs when no usable `python3` exists: the embedded build closest to CPython 3.11, the
 * version the port ports (3.12 still differs from it in a few places: SEMANTICS.md).
 */
export const DEFAULT_EMBEDDED: EmbeddedBuild = EMBEDDED_BUILDS[0];

export function embeddedBuild(name: string): EmbeddedBuild | undefined {
  return EMBEDDED_BUILDS.find((build) => build.name === name);
}

/** The `file:` URL of the build's ES module (`loadPyodide`), resolved like any dependency. */
export function pyodideModuleUrl(build: EmbeddedBuild): string {
  return import.meta.resolve(`${build.name}/pyodide.mjs`);
}

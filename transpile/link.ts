/**
 * Linking an emitted module for an in-process run: the module's default export is the promise
 * of its statements (see emit.ts); compiled as a function body, that promise is returned, so
 * the harness awaits the program's end exactly as a loader of the file would.
 */
const MODULE_DONE = /^export default \(async \(\) => \{/m;

export function linkModuleDone(js: string): string {
  if (!MODULE_DONE.test(js)) throw new Error('the emitted module has no `export default (async () => {` line to link');
  return js.replace(MODULE_DONE, 'return (async () => {');
}

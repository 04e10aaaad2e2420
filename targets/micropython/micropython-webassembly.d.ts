/**
 * The part of `@micropython/micropython-webassembly-pyscript` (1.27, ships no types) that
 * instance.ts uses: `loadMicroPython` and the object it resolves to.
 */
declare module '@micropython/micropython-webassembly-pyscript' {
  export interface LoadOptions {
    /** Python stack (recursion) in words. */
    pystack?: number;
    /** The garbage-collected heap in bytes. */
    heapsize?: number;
    /** Called once per line (without the newline) when `linebuffer` is true (the default). */
    stdout?: (line: string) => void;
    stderr?: (line: string) => void;
    linebuffer?: boolean;
  }
  export interface MicroPythonInstance {
    globals: { get(key: string): unknown; set(key: string, value: unknown): void };
    registerJsModule(name: string, module: object): void;
    runPython(code: string): unknown;
    pyimport(name: string): unknown;
  }
  export function loadMicroPython(options?: LoadOptions): Promise<MicroPythonInstance>;
}

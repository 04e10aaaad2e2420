/** The live progress line of long commands (on stderr, so stdout stays clean for data). */
import cliProgress from 'cli-progress';
import type { CliOutput } from './io.ts';

export interface ProgressLine {
  update(done: number, total: number, fields: Record<string, string | number>): void;
  stop(): void;
}

/** On `out` (the command's stderr): a terminal gets a bar redrawn in place, a pipe or a collector a line every few seconds. */
export function progressLine(label: string, out: CliOutput): ProgressLine {
  let bar: cliProgress.SingleBar | undefined;
  let phase = '';
  const started = performance.now();
  return {
    update(done, total, fields) {
      const nextPhase = String(fields.phase ?? '');
      if (!bar || nextPhase !== phase) {
        bar?.stop();
        phase = nextPhase;
        bar = new cliProgress.SingleBar(
          {
            format: `${label} ${phase} {bar} {value}/{total} | differences {differences} | {rate} programs/s | ETA {eta_formatted}`,
            stream: out as NodeJS.WritableStream,
            hideCursor: true,
            noTTYOutput: true,
            notTTYSchedule: 5000,
            etaBuffer: 200,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { differences: 0, rate: 0 });
      }
      const rate = Math.round(done / ((performance.now() - started) / 1000));
      bar.update(done, { ...fields, rate });
    },
    stop() {
      bar?.stop();
    },
  };
}

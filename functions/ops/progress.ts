/** A progress bar on stderr, redrawn in place on a terminal; elsewhere (pipes, CI, tests) one line at the end. */
import type { CliIo } from './context.ts';

const WIDTH = 30;

export interface Progress {
  update(done: number): void;
  done(): void;
}

export function createProgress(io: Pick<CliIo, 'err' | 'errIsTerminal'>, label: string, total: number): Progress {
  let last = -1;
  let current = 0;
  const draw = () => {
    const ratio = total === 0 ? 1 : Math.min(1, current / total);
    const filled = Math.round(ratio * WIDTH);
    io.err(`\r${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${current}/${total} ${Math.floor(ratio * 100)}%`);
  };
  return {
    update(done) {
      current = done;
      if (!io.errIsTerminal) return;
      // Redraw at most once per whole percent: a big export does not flood the terminal.
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      if (percent !== last) {
        last = percent;
        draw();
      }
    },
    done() {
      if (io.errIsTerminal) {
        draw();
        io.err('\n');
      } else {
        io.err(`${label}：${current}/${total}\n`);
      }
    },
  };
}

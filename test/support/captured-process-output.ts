/**
 * Every line the process writes (Powertools logs INFO to stdout, ERROR to stderr), kept in memory while a suite runs,
 * so a test can show that no name or phone reaches the logs. `lines` is emptied by the test when it wants a fresh view.
 */
export interface CapturedProcessOutput {
  readonly lines: string[];
  /** Put the original writers back. */
  restore(): void;
}

export function captureProcessOutput(): CapturedProcessOutput {
  const lines: string[] = [];
  const originalWrites = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const stream of ['stdout', 'stderr'] as const) {
    process[stream].write = ((chunk: string | Uint8Array) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
  }
  return {
    lines,
    restore() {
      process.stdout.write = originalWrites.stdout;
      process.stderr.write = originalWrites.stderr;
    },
  };
}

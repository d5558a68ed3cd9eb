// Where the progress line goes. On a terminal, one status line rewritten in place (notes are
// printed above it); in a pipe or a log file, a line every `pipeEveryMs` (10 s), so that a
// captured run stays readable.
export interface ProgressOutput {
  update(line: string): void;
  note(line: string): void;
  /** Ends the status line, so that what follows starts on a line of its own. */
  done(): void;
}

export function progressOutput(
  out: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean },
  options: { pipeEveryMs?: number; now?: () => number } = {},
): ProgressOutput {
  const now = options.now ?? Date.now;
  const every = options.pipeEveryMs ?? 10_000;
  if (out.isTTY) {
    let shown = false;
    const clear = () => shown && out.write('\r\x1b[2K');
    return {
      update: (line) => {
        clear();
        out.write(line);
        shown = true;
      },
      note: (line) => {
        clear();
        shown = false;
        out.write(`${line}\n`);
      },
      done: () => {
        if (shown) out.write('\n');
        shown = false;
      },
    };
  }
  let lastAt: number | undefined;
  return {
    update: (line) => {
      const t = now();
      if (lastAt !== undefined && t - lastAt < every) return;
      lastAt = t;
      out.write(`${line}\n`);
    },
    note: (line) => void out.write(`${line}\n`),
    done: () => undefined,
  };
}

/** Test helpers: capture what print() writes, and show values as a Jupyter cell does. */
import { repr } from '../src/index.js';

/** Runs fn and returns everything written to stdout meanwhile (what `print` writes). */
export function capture(fn: () => void): string {
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string | Uint8Array) => {
    out.push(typeof s === 'string' ? s : Buffer.from(s).toString());
    return true;
  }) as typeof process.stdout.write;
  try {
    fn();
  } finally {
    process.stdout.write = write;
  }
  return out.join('');
}

/**
 * What a notebook cell displays for its last value: IPython's pretty printer (IPython 7, as the
 * seeds were run), where a tuple is a group that breaks its ", " separators when it overflows
 * 79 columns and a multi-line repr breaks its lines with the group's indentation.
 */
export function display(value: unknown): string {
  const p = new Pretty();
  p.pretty(value);
  p.flush();
  return p.out;
}

interface Group {
  depth: number;
  breakables: Breakable[];
  wantBreak: boolean;
}
interface Breakable {
  kind: 'break';
  sep: string;
  width: number;
  indentation: number;
  group: Group;
}
interface Text {
  kind: 'text';
  parts: string[];
  width: number;
}

class Pretty {
  out = '';
  private outputWidth = 0;
  private bufferWidth = 0;
  private buffer: (Text | Breakable)[] = [];
  private indentation = 0;
  private readonly maxWidth = 79;
  private groupStack: Group[] = [{ depth: 0, breakables: [], wantBreak: false }];
  private queue: Group[][] = [[this.groupStack[0]]];

  pretty(v: unknown): void {
    if (Array.isArray(v)) {
      this.beginGroup(1, '(');
      v.forEach((x, i) => {
        if (i) {
          this.text(',');
          this.breakable();
        }
        this.pretty(x);
      });
      if (v.length === 1) this.text(',');
      this.endGroup(1, ')');
      return;
    }
    // _repr_pprint: the repr's lines joined by hard breaks.
    this.beginGroup(0);
    repr(v)
      .split('\n')
      .forEach((line, i) => {
        if (i) this.hardBreak();
        this.text(line);
      });
    this.endGroup(0);
  }

  private emit(x: Text | Breakable, width: number): number {
    if (x.kind === 'text') {
      this.out += x.parts.join('');
      return width + x.width;
    }
    x.group.breakables.shift();
    if (x.group.wantBreak) {
      this.out += `\n${' '.repeat(x.indentation)}`;
      return x.indentation;
    }
    if (!x.group.breakables.length) this.remove(x.group);
    this.out += x.sep;
    return width + x.width;
  }

  private breakOneGroup(g: Group): void {
    while (g.breakables.length) {
      const x = this.buffer.shift()!;
      this.outputWidth = this.emit(x, this.outputWidth);
      this.bufferWidth -= x.width;
    }
    while (this.buffer.length && this.buffer[0].kind === 'text') {
      const x = this.buffer.shift()!;
      this.outputWidth = this.emit(x, this.outputWidth);
      this.bufferWidth -= x.width;
    }
  }

  private breakOuterGroups(): void {
    while (this.maxWidth < this.outputWidth + this.bufferWidth) {
      const g = this.deq();
      if (!g) return;
      this.breakOneGroup(g);
    }
  }

  private deq(): Group | undefined {
    for (const stack of this.queue) {
      for (let i = stack.length - 1; i >= 0; i--) {
        const g = stack[i];
        if (g.breakables.length) {
          stack.splice(i, 1);
          g.wantBreak = true;
          return g;
        }
      }
      for (const g of stack) g.wantBreak = true;
      stack.length = 0;
    }
    return undefined;
  }

  private remove(g: Group): void {
    const s = this.queue[g.depth];
    const i = s ? s.indexOf(g) : -1;
    if (i >= 0) s.splice(i, 1);
  }

  text(s: string): void {
    if (this.buffer.length) {
      let last = this.buffer[this.buffer.length - 1];
      if (last.kind !== 'text') this.buffer.push((last = { kind: 'text', parts: [], width: 0 }));
      last.parts.push(s);
      last.width += s.length;
      this.bufferWidth += s.length;
      this.breakOuterGroups();
    } else {
      this.out += s;
      this.outputWidth += s.length;
    }
  }

  private breakable(sep = ' '): void {
    const group = this.groupStack[this.groupStack.length - 1];
    if (group.wantBreak) {
      this.flush();
      this.out += `\n${' '.repeat(this.indentation)}`;
      this.outputWidth = this.indentation;
      this.bufferWidth = 0;
    } else {
      const b: Breakable = { kind: 'break', sep, width: sep.length, indentation: this.indentation, group };
      group.breakables.push(b);
      this.buffer.push(b);
      this.bufferWidth += sep.length;
      this.breakOuterGroups();
    }
  }

  /** IPython 7's break_(): a newline at the current indentation, no group broken. */
  private hardBreak(): void {
    this.flush();
    this.out += `\n${' '.repeat(this.indentation)}`;
    this.outputWidth = this.indentation;
    this.bufferWidth = 0;
  }

  private beginGroup(indent: number, open = ''): void {
    if (open) this.text(open);
    const g: Group = {
      depth: this.groupStack[this.groupStack.length - 1].depth + 1,
      breakables: [],
      wantBreak: false,
    };
    this.groupStack.push(g);
    while (this.queue.length <= g.depth) this.queue.push([]);
    this.queue[g.depth].push(g);
    this.indentation += indent;
  }

  private endGroup(dedent: number, close = ''): void {
    this.indentation -= dedent;
    const g = this.groupStack.pop()!;
    if (!g.breakables.length) this.remove(g);
    if (close) this.text(close);
  }

  flush(): void {
    for (const x of this.buffer) this.outputWidth += this.emit(x, this.outputWidth);
    this.buffer = [];
    this.bufferWidth = 0;
  }
}

/** The seeds scraped from web pages lost runs of spaces and line indents: compare that way. */
export const collapse = (s: string): string =>
  s
    .split('\n')
    .map((l) => l.replace(/ +/g, ' ').trim())
    .join('\n')
    .trim();

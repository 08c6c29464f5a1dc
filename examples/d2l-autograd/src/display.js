/**
 * What a notebook cell shows for the value of its last line.
 *
 * Jupyter hands that value to IPython's pretty printer (IPython/lib/pretty.py, IPython 7, as the
 * seed notebooks ran): a tuple is a group whose ", " separators break onto new lines when the
 * line would pass 79 columns, and any other object is its repr() with each newline turned into a
 * hard break at the group's indentation. That is why MXNet's `x.grad, u.grad` shows as
 *
 *     (
 *      [1. 1. 1. 1.]
 *      <NDArray 4 @cpu(0)>,
 *      ...
 *
 * JavaScript arrays stand for Python tuples; everything else is shown with `pyRepr`, the
 * Python repr every polygrad facade gives its tensors (None, True/False, numbers, strings too).
 */
import { pyRepr } from '@polygrad/core';

/** Shows `value` as Jupyter does after a cell: nothing for None, else its pretty form and a newline. */
export function display(value) {
  if (value === null || value === undefined) return;
  process.stdout.write(`${pretty(value)}\n`);
}

/** IPython's `pretty(value)`: the text `display` writes. */
export function pretty(value, maxWidth = 79) {
  const p = new PrettyPrinter(maxWidth);
  p.pretty(value);
  p.flush();
  return p.out;
}

/**
 * A port of IPython 7's PrettyPrinter (Wadler-style groups and breakables), with its quirks
 * kept where they change the output: `flush` adds the running width to itself, `break_` is a
 * hard newline that breaks no group (so the ", " before it keeps its space), and the group queue
 * deletes by an index counted from the wrong end.
 */
class PrettyPrinter {
  constructor(maxWidth) {
    this.maxWidth = maxWidth;
    this.out = '';
    this.outputWidth = 0;
    this.bufferWidth = 0;
    /** Pending Text ({ parts, width }) and Breakable ({ sep, width, indentation, group }) items. */
    this.buffer = [];
    this.indentation = 0;
    const root = { depth: 0, breakables: [], wantBreak: false };
    this.groupStack = [root];
    /** Groups by depth: the outermost groups break first. */
    this.queue = [[root]];
  }

  pretty(value) {
    if (Array.isArray(value)) {
      // _seq_pprinter_factory('(', ')'): a Python tuple.
      this.beginGroup(1, '(');
      value.forEach((item, i) => {
        if (i > 0) {
          this.text(',');
          this.breakable();
        }
        this.pretty(item);
      });
      if (value.length === 1) this.text(',');
      this.endGroup(1, ')');
      return;
    }
    // _repr_pprint: repr(value).splitlines(), joined by hard breaks, in a group of its own.
    const lines = pyRepr(value).split('\n');
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    this.beginGroup(0);
    lines.forEach((line, i) => {
      if (i > 0) this.break_();
      this.text(line);
    });
    this.endGroup(0);
  }

  text(s) {
    if (this.buffer.length) {
      let last = this.buffer[this.buffer.length - 1];
      if (!last.parts) this.buffer.push((last = { parts: [], width: 0 }));
      last.parts.push(s);
      last.width += s.length;
      this.bufferWidth += s.length;
      this.breakOuterGroups();
    } else {
      this.out += s;
      this.outputWidth += s.length;
    }
  }

  breakable(sep = ' ') {
    const group = this.groupStack[this.groupStack.length - 1];
    if (group.wantBreak) {
      this.flush();
      this.newline(this.indentation);
    } else {
      const b = { sep, width: sep.length, indentation: this.indentation, group };
      group.breakables.push(b);
      this.buffer.push(b);
      this.bufferWidth += b.width;
      this.breakOuterGroups();
    }
  }

  break_() {
    this.flush();
    this.newline(this.indentation);
  }

  newline(indentation) {
    this.out += `\n${' '.repeat(indentation)}`;
    this.outputWidth = indentation;
    this.bufferWidth = 0;
  }

  beginGroup(indent, open = '') {
    if (open) this.text(open);
    const top = this.groupStack[this.groupStack.length - 1];
    const group = { depth: top.depth + 1, breakables: [], wantBreak: false };
    this.groupStack.push(group);
    while (this.queue.length <= group.depth) this.queue.push([]);
    this.queue[group.depth].push(group);
    this.indentation += indent;
  }

  endGroup(dedent, close = '') {
    this.indentation -= dedent;
    const group = this.groupStack.pop();
    if (!group.breakables.length) this.removeGroup(group);
    if (close) this.text(close);
  }

  flush() {
    for (const item of this.buffer) this.outputWidth += this.emit(item, this.outputWidth);
    this.buffer = [];
    this.bufferWidth = 0;
  }

  /** Writes one buffered item; returns the new output width. */
  emit(item, width) {
    if (item.parts) {
      this.out += item.parts.join('');
      return width + item.width;
    }
    const { group } = item;
    group.breakables.shift();
    if (group.wantBreak) {
      this.out += `\n${' '.repeat(item.indentation)}`;
      return item.indentation;
    }
    if (!group.breakables.length) this.removeGroup(group);
    this.out += item.sep;
    return width + item.width;
  }

  breakOuterGroups() {
    while (this.maxWidth < this.outputWidth + this.bufferWidth) {
      const group = this.dequeue();
      if (!group) return;
      while (group.breakables.length) this.emitFirst();
      while (this.buffer.length && this.buffer[0].parts) this.emitFirst();
    }
  }

  emitFirst() {
    const item = this.buffer.shift();
    this.outputWidth = this.emit(item, this.outputWidth);
    this.bufferWidth -= item.width;
  }

  /** GroupQueue.deq: the outermost group that can still break, marked to break. */
  dequeue() {
    for (const stack of this.queue) {
      for (let idx = 0; idx < stack.length; idx++) {
        const group = stack[stack.length - 1 - idx];
        if (group.breakables.length) {
          stack.splice(idx, 1); // IPython's `del stack[idx]` on an index into reversed(stack)
          group.wantBreak = true;
          return group;
        }
      }
      for (const group of stack) group.wantBreak = true;
      stack.length = 0;
    }
    return undefined;
  }

  removeGroup(group) {
    const stack = this.queue[group.depth];
    const i = stack ? stack.indexOf(group) : -1;
    if (i >= 0) stack.splice(i, 1);
  }
}

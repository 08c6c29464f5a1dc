/** Command-line options of `pnpm bench -- …`. */
export interface Options {
  quick: boolean;
  /** Workload ids (W1…W5), or null for all. */
  only: string[] | null;
  /** polygrad backends, or null for every importable one. */
  backends: string[] | null;
  /** Peer ids or library names (tfjs, jax), [] for none, null for all. */
  peers: string[] | null;
  reps: number | null;
  save: boolean;
  help: boolean;
}

export const USAGE = `Usage: pnpm bench -- [options]

  --quick            fewer sizes and repetitions (about 2 minutes)
  --only W1,W3       run only these workloads
  --backend cpu,wasm polygrad backends to run (default: every one that is installed and built;
                     webgpu only when named)
  --peers tfjs,jax-wasm-jit
                     peers to run: ids (tfjs-cpu, tfjs-wasm, tfjs-webgpu, jax-wasm, jax-wasm-jit)
                     or libraries (tfjs, jax); 'none' for none (default: all; tfjs-webgpu
                     when --backend names webgpu)
  --reps N           exactly N timed repetitions per case
  --no-save          do not append to bench/results/<date>.jsonl
  --help             this text`;

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function parseArgs(argv: readonly string[]): Options {
  const o: Options = {
    quick: false,
    only: null,
    backends: null,
    peers: null,
    reps: null,
    save: true,
    help: false,
  };
  const args = argv.filter((a) => a !== '--');
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split(/=(.*)/s, 2);
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n\n${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--quick':
        o.quick = true;
        break;
      case '--only':
        o.only = list(value()).map((s) => s.toUpperCase());
        break;
      case '--backend':
      case '--backends':
        o.backends = list(value());
        break;
      case '--peers': {
        const v = list(value());
        o.peers = v.includes('none') ? [] : v;
        break;
      }
      case '--reps':
        o.reps = Number(value());
        if (!Number.isInteger(o.reps) || o.reps < 1) throw new Error('--reps needs a positive integer');
        break;
      case '--no-save':
        o.save = false;
        break;
      case '--help':
      case '-h':
        o.help = true;
        break;
      default:
        throw new Error(`unknown option ${args[i]}\n\n${USAGE}`);
    }
  }
  return o;
}

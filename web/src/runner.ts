// The page's side of Run: one Pyodide worker, started after first paint and kept across pages; Stop
// terminates it and starts a fresh one (the only way to end a runaway loop without cross-origin isolation).
import type { Example } from "./api";
import type { RunReport, WorkerMessage } from "./protocol";

declare const __WORKER_URL__: string;

export type RunnerState =
  | { kind: "idle" }
  | { kind: "loading"; stage: string; since: number }
  | { kind: "ready"; loadMs: number }
  | { kind: "broken"; message: string };

type Pending = { id: number; resolve: (r: RunReport) => void; reject: (e: Error) => void };

export class Stopped extends Error {
  constructor() { super("stopped"); }
}

class Runner {
  private worker: Worker | null = null;
  private pending: Pending | null = null;
  private seq = 0;
  state: RunnerState = { kind: "idle" };
  private listeners = new Set<(s: RunnerState) => void>();

  onState(f: (s: RunnerState) => void): () => void {
    this.listeners.add(f);
    f(this.state);
    return () => this.listeners.delete(f);
  }

  private set(s: RunnerState): void {
    this.state = s;
    for (const f of this.listeners) f(s);
  }

  /** Starts the worker if there is none; cheap to call again. */
  ensure(): void {
    if (this.worker) return;
    const w = new Worker(__WORKER_URL__, { type: "module", name: "pyodide" });
    this.worker = w;
    this.set({ kind: "loading", stage: "Starting", since: performance.now() });
    w.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(w, e.data);
    w.onerror = (e) => {
      if (this.worker === w) this.set({ kind: "broken", message: e.message || "the Python worker failed to start" });
    };
  }

  private receive(w: Worker, m: WorkerMessage): void {
    if (this.worker !== w) return;
    switch (m.type) {
      case "progress":
        this.set({ kind: "loading", stage: m.stage, since: this.state.kind === "loading" ? this.state.since : performance.now() });
        break;
      case "ready":
        this.set({ kind: "ready", loadMs: m.ms });
        break;
      case "broken":
        this.set({ kind: "broken", message: m.message });
        this.pending?.reject(new Error(`Python could not start: ${m.message}`));
        this.pending = null;
        break;
      case "result": {
        const p = this.pending;
        if (p && p.id === m.id) {
          this.pending = null;
          p.resolve({ compile: m.compile, results: m.results, ms: m.ms });
        }
        break;
      }
      case "failed": {
        const p = this.pending;
        if (p && p.id === m.id) {
          this.pending = null;
          p.reject(new Error(m.message));
        }
        break;
      }
    }
  }

  get running(): boolean { return this.pending !== null; }

  run(code: string, fn: string, examples: Example[]): Promise<RunReport> {
    this.ensure();
    if (this.pending) return Promise.reject(new Error("a run is already going"));
    const id = ++this.seq;
    return new Promise<RunReport>((resolve, reject) => {
      this.pending = { id, resolve, reject };
      this.worker!.postMessage({ id, code, function: fn, examples });
    });
  }

  /** Ends the running code at once: the worker goes, a fresh one loads. */
  stop(): void {
    const p = this.pending;
    this.pending = null;
    this.worker?.terminate();
    this.worker = null;
    p?.reject(new Stopped());
    this.ensure();
  }
}

export const runner = new Runner();

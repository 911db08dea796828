// Messages between the page and the Pyodide worker (src/worker.ts).
import type { Example } from "./api";

export interface WorkerRequest { id: number; code: string; function: string; examples: Example[] }

export type ExampleStatus = "PASSED" | "WRONG_ANSWER" | "RUNTIME_ERROR";

export interface ExampleResult {
  name: string;
  input: string;
  expected: string;
  got?: string;
  stdout: string;
  status: ExampleStatus;
  message: string;
}

export interface RunReport {
  compile: { ok: boolean; line?: number; message?: string };
  results: ExampleResult[];
  ms: number;
}

export type WorkerMessage =
  | { type: "progress"; stage: string }
  | { type: "ready"; ms: number }
  | { type: "broken"; message: string }
  | ({ type: "result"; id: number } & RunReport)
  | { type: "failed"; id: number; message: string };

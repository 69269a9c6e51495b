// Main-thread CPU figures from a Chromium trace. Thread time (`tdur`), not wall time: on a shared
// machine a task's wall time includes every moment the OS gave the core to someone else, its
// thread time does not, so these figures hold still where Lighthouse's TBT swings tenfold.

export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: Record<string, unknown>;
}

export interface TraceFigures {
  /** CPU of the task that evaluated the most module code (the eagerly loaded graph). */
  evaluationMs: number;
  /** CPU of the task holding React's first commit (the takeover of the prerendered page). */
  firstCommitMs: number | undefined;
  /** CPU of every main-thread task from the first contentful paint to the end of the trace. */
  afterPaintMs: number;
  /** The longest main-thread task after the first paint, wall time (what TBT is made of). */
  longestTaskMs: number;
}

/** The mark the bench's init script sets when the app removes the prerendered page. */
export const FIRST_COMMIT_MARK = "bench:first-commit";

const ms = (us: number) => Math.round(us / 100) / 10;

/**
 * `trace` must hold one page load: the main thread is the one that painted first, top-level
 * tasks are its `RunTask` events.
 */
export function analyzeTrace(trace: readonly TraceEvent[]): TraceFigures {
  const paint = trace.find((e) => e.name === "firstContentfulPaint");
  if (!paint) throw new Error("trace has no firstContentfulPaint: the page never painted");
  const onMain = (e: TraceEvent) => e.pid === paint.pid && e.tid === paint.tid;
  const tasks = trace
    .filter((e) => onMain(e) && e.name === "RunTask" && e.ph === "X" && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts);
  const cpu = (task: TraceEvent) => task.tdur ?? task.dur ?? 0;
  const taskAt = (ts: number) =>
    tasks.find((task) => task.ts <= ts && ts <= task.ts + (task.dur ?? 0));

  let evaluation: { task: TraceEvent; cpu: number } | undefined;
  for (const e of trace) {
    if (!onMain(e) || e.name !== "v8.evaluateModule") continue;
    const task = taskAt(e.ts);
    const own = e.tdur ?? e.dur ?? 0;
    if (task && (!evaluation || own > evaluation.cpu)) evaluation = { task, cpu: own };
  }
  const mark = trace.find((e) => onMain(e) && e.name === FIRST_COMMIT_MARK);
  const commitTask = mark ? taskAt(mark.ts) : undefined;
  const afterPaint = tasks.filter((task) => task.ts + (task.dur ?? 0) >= paint.ts);

  return {
    evaluationMs: evaluation ? ms(cpu(evaluation.task)) : 0,
    firstCommitMs: commitTask ? ms(cpu(commitTask)) : undefined,
    afterPaintMs: ms(afterPaint.reduce((sum, task) => sum + cpu(task), 0)),
    longestTaskMs: ms(Math.max(0, ...afterPaint.map((task) => task.dur ?? 0))),
  };
}

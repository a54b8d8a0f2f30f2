/**
 * The one "stop once, then exit" wiring of the server and the worker: the first SIGTERM or SIGINT runs `stop`, a
 * second signal while it runs is ignored (a supervisor's repeated TERM must not cut the drain short), and the
 * process exits 0 once it resolved, 1 if it failed.
 */
export function exitAfterStopOnSignal(
  stop: (signal: NodeJS.Signals) => Promise<void>,
  onFailure: (error: unknown) => void,
): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).then(
      () => process.exit(0),
      (error: unknown) => {
        onFailure(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', handle);
  process.on('SIGINT', handle);
}

// Preloaded by the load test only: on SIGUSR2, run a full garbage collection and report the heap,
// so "memory stable" is judged on live objects rather than on how much the heap has reserved.
process.on('SIGUSR2', () => {
  if (global.gc) {
    global.gc();
    global.gc();
  }
  const m = process.memoryUsage();
  process.stderr.write(`HEAP ${m.heapUsed} ${m.rss}\n`);
});

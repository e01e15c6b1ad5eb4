// Preloaded into a benchmarked process: prints its peak RSS at exit.
process.on('exit', () => {
  process.stderr.write(`\n@@maxrss_kb=${process.resourceUsage().maxRSS}\n`);
});

-- browse-wrk.lua: used by bench/browse-load.sh. Adds an Accept header and, when wrk finishes, prints one
-- machine-readable line with throughput, latency percentiles (wrk's own HdrHistogram-style record of
-- every request's latency, in microseconds) and error counts. Non-2xx/3xx answers count as errors.status.
wrk.headers["Accept"] = "application/vnd.github+json"

function done(summary, latency, requests)
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "RESULT requests=%d secs=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f bytes=%d " ..
    "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.bytes, e.connect, e.read, e.write, e.status, e.timeout))
end

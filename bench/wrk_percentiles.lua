-- Print the figures bench/http_load.py reads: requests, errors, seconds, p50/p95/p99 in ms.
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f %.3f\n", summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.duration/1e6, latency:percentile(50)/1000, latency:percentile(95)/1000, latency:percentile(99)/1000))
end

-- wrk script for `make bench`'s HTTP ingest figure: POST /api/v1/survey-responses with a JSON body whose ticketId
-- differs on every request (thread number + counter, so no response replaces another), and a Bearer token.
-- Groups G01–G20 and segments S1–S3 are those Benchmarks/gensql.py org makes, so the responses are valid.
-- The same script drives the bare-route baseline, which ignores the token and the body's content.
--
--   BENCH_TOKEN=mg_… wrk -t2 -c32 -d10s -s Benchmarks/ingest.lua http://127.0.0.1:PORT
--
-- Every thread counts its answers by status; done() prints one line that scripts/bench.sh reads:
--   BENCH requests=N created=N other=N
-- BENCH_RUN (a short word) goes into the ticket ids, so a warm-up and the measured run never share one.

local token = os.getenv("BENCH_TOKEN") or "none"
local run = os.getenv("BENCH_RUN") or "r"
local factors = { '["Speed"]', '["Knowledge","Courtesy"]', '[]', '["Speed","Outcome"]' }

local threads = {}
local next_thread = 0

function setup(thread)
   next_thread = next_thread + 1
   thread:set("id", next_thread)
   table.insert(threads, thread)
end

function init(args)
   counter = 0
   created = 0
   other = 0
   headers = {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
   }
end

function request()
   counter = counter + 1
   local n = counter
   local body = string.format(
      '{"ticketId":"%s-%d-%d","supportGroupCode":"G%02d","segmentCode":"S%d",'
         .. '"customer":{"name":"Customer %d","email":"c%d@example.com"},"agent":"Agent %d",'
         .. '"rating":%d,"factors":%s,"comment":"Benchmark response number %d from wrk thread %d."}',
      run, id, n, (n % 20) + 1, (n % 3) + 1, n, n, n % 40, (n % 10) + 1, factors[(n % #factors) + 1], n, id)
   return wrk.format("POST", "/api/v1/survey-responses", headers, body)
end

function response(status, headers, body)
   if status == 201 then
      created = created + 1
   else
      other = other + 1
      if other <= 3 then
         io.stderr:write("status " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n")
      end
   end
end

function done(summary, latency, requests)
   local c, o = 0, 0
   for _, thread in ipairs(threads) do
      c = c + thread:get("created")
      o = o + thread:get("other")
   end
   io.write(string.format("BENCH requests=%d created=%d other=%d\n", summary.requests, c, o))
end

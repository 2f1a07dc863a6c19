package forerunner.v1

import rego.v1

fetched := http.send({"method": "GET", "url": "https://example.org"})

result := {"now": time.now_ns(), "fetched": fetched}

"""newsmon's own Scrapy signals (sent and connected like scrapy.signals)."""

# The address policy's DNS resolver refused a name (it resolves to a non-public address).
# Arguments: host (lower case, no trailing dot), address, message. The resolver serves the whole
# process, not one crawler, so it sends this from no sender in particular: connect with
# sender=pydispatch.dispatcher.Any.
address_refused = object()

# A spider middleware dropped a request the spider yielded; it will not be downloaded nor
# called back. Arguments: request, reason ("requested": already asked for in this crawl,
# "known": already stored, "over_budget": past its source's max_articles).
request_skipped = object()

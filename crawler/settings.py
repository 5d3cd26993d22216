"""Static Scrapy settings. Everything a user configures comes from newsmon's config through
the add-on (crawler.addon); nothing here computes anything."""

BOT_NAME = "newsmon"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

ADDONS = {"crawler.addon.NewsmonAddon": 0}

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
TWISTED_DNS_RESOLVER = "crawler.resolver.PolicyResolver"

ITEM_PIPELINES = {
    "pipelines.extract.ExtractPipeline": 300,
    "pipelines.classify.ClassifyPipeline": 400,
    "pipelines.dedupe.DedupePipeline": 500,
    "pipelines.store.StorePipeline": 800,
}
SPIDER_MIDDLEWARES = {
    # nearest the spider: it sees every article link the spider yields
    "crawler.incremental.IncrementalMiddleware": 950,
}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.AddressPolicyMiddleware": 1,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
    # Scrapy's own, raising a typed IgnoreRequest where theirs only says why in its message
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.failures.TypedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.failures.TypedHttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.failures.TypedRedirectMiddleware": 600,
}
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "crawler.state.SourceState": 90,
    "crawler.extensions.CrawlRunRecorder": 100,
    "crawler.extensions.ProgressDisplay": 200,
}

# Only http(s) can be fetched at all: the address policy refuses other schemes, and without
# their handlers a request that slipped past it could not read a local file or an FTP site.
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}

COOKIES_ENABLED = False
REDIRECT_MAX_TIMES = 5
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
ROBOTSTXT_PARSER = "scrapy.robotstxt.ProtegoRobotParser"
LOG_LEVEL = "INFO"
STATS_DUMP = False
# Scrapy starts this many asyncio tasks for every response's output; an article callback
# yields one item, so the default 100 only churns the event loop (~10% of a crawl's CPU).
CONCURRENT_ITEMS = 16

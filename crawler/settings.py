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
    "crawler.middlewares.UnfinishedCallbackMiddleware": 1000,  # nearest the spider
}
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.AddressPolicyMiddleware": 1,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.RetryAfterMiddleware": 550,
}
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
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

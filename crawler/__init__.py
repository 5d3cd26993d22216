"""The Scrapy project: settings, spiders, middlewares and extensions of newsmon's crawler."""

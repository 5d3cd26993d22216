"""newsmon: a news monitor built on Scrapy."""

__version__ = "0.1.0"

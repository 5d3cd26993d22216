"""Item pipelines: extract articles from fetched pages, then store them."""

"""tradekg: a knowledge graph of trade claims."""

__version__ = "0.1.0"

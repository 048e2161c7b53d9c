"""Project Scrapy commands (``COMMANDS_MODULE``): ``scrapy demo``, ``scrapy evaluate``."""

"""Spiders: they route requests; extraction lives in ``harvester.extract``."""

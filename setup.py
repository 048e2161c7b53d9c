"""Shim for ``scrapyd-deploy``, which builds the project egg with ``python setup.py bdist_egg``.

Everything (name, version, packages, package data, the ``scrapy`` settings entry point Scrapyd reads)
comes from pyproject.toml. Without this file scrapyd-deploy would write its own setup.py here, whose
name, version and entry point conflict with pyproject.toml's.
"""

from setuptools import setup

setup()
